// The Gemini generateContent dialect: codecs between it and OpenAI chat, both ways (issue 21, in progress).
