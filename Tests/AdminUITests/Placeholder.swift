// AdminUITests: replaced by the tests.
