// The Gemini (AI Studio) provider (issue 21, in progress).
