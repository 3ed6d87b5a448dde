// MCPGatewayTests: replaced by the tests.
