from django.urls import path

from . import views

urlpatterns = [
    path("two-factor/", views.verify, name="accounts_verify"),
    path("two-factor/manage/", views.manage, name="accounts_manage"),
    path("two-factor/setup/", views.setup, name="accounts_setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
    path("two-factor/turn-off/", views.turn_off, name="accounts_turn_off"),
]
