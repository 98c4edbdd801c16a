from django.contrib.auth.views import LoginView
from django.urls import include, path

from verbindt.accounts import views
from verbindt.accounts.forms import LoginForm

urlpatterns = [
    path("login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("", include("django.contrib.auth.urls")),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("membership/", views.membership_switch, name="membership_switch"),
]
