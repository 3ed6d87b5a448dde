// The admin-ui plugin (issue 23): replaced by its implementation.
