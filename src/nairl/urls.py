from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from nairl.common import account
from nairl.common import views as common_views
from nairl.common.api_docs import ApiReferenceView
from nairl.common.audit_views import AuditExportView, AuditLogView
from nairl.common.signin import ObtainTokenView

api_v1 = [
    path("", include("nairl.people.api.urls")),
    path("robotics/", include("nairl.robotics.api.urls")),
    path("scaling/", include("nairl.scaling.api.urls")),
    path("research/", include("nairl.research.api.urls")),
    path("seminars/", include("nairl.seminars.api.urls")),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("residency/", include("nairl.residency.api.urls")),
    path("calls/", include("nairl.calls.api.urls")),
]

urlpatterns = [
    path("", common_views.home, name="home"),
    path("me/", common_views.my_home, name="my-home"),
    path("", include("nairl.people.urls")),
    path("robotics/", include("nairl.robotics.urls")),
    path("scaling/", include("nairl.scaling.urls")),
    path("research/", include("nairl.research.urls")),
    path("seminars/", include("nairl.seminars.urls")),
    path("residency/", include("nairl.residency.urls")),
    path("calls/", include("nairl.calls.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", common_views.switch_language, name="set-language"),
    path("account/", account.account_settings, name="account-settings"),
    path("account/", include("nairl.common.passwords")),
    path("accounts/", include("nairl.common.user_urls")),
    path("account/tokens/", account.create_token, name="account-token-create"),
    path("account/tokens/<int:pk>/revoke/", account.revoke_token, name="account-token-revoke"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/export.csv", AuditExportView.as_view(), name="audit-export"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiReferenceView.as_view(url_name="api-schema"), name="api-docs"),
]
