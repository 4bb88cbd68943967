from django.urls import path

from . import user_pages

urlpatterns = [
    path("users/", user_pages.UserListView.as_view(), name="users"),
    path("users/invite/", user_pages.UserInviteView.as_view(), name="user-invite"),
    path("users/<int:pk>/", user_pages.UserEditView.as_view(), name="user-edit"),
]
