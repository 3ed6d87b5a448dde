// The Vertex AI provider (issue 21, in progress).
