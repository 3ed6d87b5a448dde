// The jwt-auth plugin (issue 26): replaced by its implementation.
