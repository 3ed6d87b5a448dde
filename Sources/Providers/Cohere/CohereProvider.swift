// The Cohere provider (issue 21, in progress).
