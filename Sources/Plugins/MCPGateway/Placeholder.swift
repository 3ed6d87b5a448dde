// The MCP gateway plugin (issue 24): replaced by its implementation.
