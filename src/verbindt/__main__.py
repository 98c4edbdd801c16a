from verbindt.cli import main

main()
