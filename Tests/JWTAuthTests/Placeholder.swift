// JWTAuthTests: replaced by the tests.
