from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token

from nairl.common import views as common_views
from nairl.common.api_docs import ApiReferenceView

api_v1 = [
    path("", include("nairl.people.api.urls")),
    path("robotics/", include("nairl.robotics.api.urls")),
    path("scaling/", include("nairl.scaling.api.urls")),
    path("research/", include("nairl.research.api.urls")),
    path("calls/", include("nairl.calls.api.urls")),
    path("auth/token/", obtain_auth_token, name="api-token"),
]

urlpatterns = [
    path("", common_views.home, name="home"),
    path("", include("nairl.people.urls")),
    path("robotics/", include("nairl.robotics.urls")),
    path("scaling/", include("nairl.scaling.urls")),
    path("research/", include("nairl.research.urls")),
    path("calls/", include("nairl.calls.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", common_views.switch_language, name="set-language"),
    path("account/", common_views.account_settings, name="account-settings"),
    path("audit/", common_views.audit_log, name="audit-log"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiReferenceView.as_view(url_name="api-schema"), name="api-docs"),
]
