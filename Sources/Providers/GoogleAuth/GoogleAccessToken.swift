// Google service-account and metadata-server access tokens (issue 21, in progress).
