// Vertex provider tests (issue 21, in progress).
