// A checkbox with data-select-all="name" ticks every enabled checkbox of that name.
document.addEventListener("change", (event) => {
  const name = event.target.dataset && event.target.dataset.selectAll;
  if (!name) return;
  for (const box of document.querySelectorAll(`input[type=checkbox][name="${name}"]`)) {
    if (!box.disabled) box.checked = event.target.checked;
  }
});
