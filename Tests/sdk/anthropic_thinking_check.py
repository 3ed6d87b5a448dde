"""The official Anthropic SDK against the gateway in front of a strict thinking upstream (AnthropicSDKNativeTests).

A multi-turn tool conversation with extended thinking, plain and streamed: each turn sends the previous answer's
content back as the SDK returned it, and the upstream refuses a turn whose signed thinking did not come back intact.
Then count_tokens. Exits non-zero with a message on the first failure.
"""

import os
import sys

import anthropic

client = anthropic.Anthropic(base_url=os.environ["GATEWAY_URL"], api_key=os.environ["GATEWAY_KEY"], max_retries=0)

SYSTEM = [{"type": "text", "text": "You are a weather bot.", "cache_control": {"type": "ephemeral"}}]
TOOLS = [
    {
        "name": "get_weather",
        "description": "Weather of a city",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        "cache_control": {"type": "ephemeral"},
    }
]
THINKING = {"type": "enabled", "budget_tokens": 1024}
QUESTION = {"role": "user", "content": "What is the weather in Paris?"}


def check(condition, message):
    if not condition:
        print("FAILED:", message, file=sys.stderr)
        sys.exit(1)


def turn(messages, stream=False):
    arguments = dict(model="claude-thinking", max_tokens=2048, thinking=THINKING, system=SYSTEM, tools=TOOLS, messages=messages)
    if not stream:
        return client.messages.create(**arguments)
    with client.messages.stream(**arguments) as events:
        return events.get_final_message()


def follow_up(first):
    tool_use = next(block for block in first.content if block.type == "tool_use")
    result = {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tool_use.id, "content": "21 degrees"}]}
    return [QUESTION, {"role": "assistant", "content": first.content}, result]


for stream in (False, True):
    first = turn([QUESTION], stream=stream)
    check(first.content[0].type == "thinking" and first.content[0].signature, f"stream={stream}: the first turn thinks: {first.content}")
    check(first.stop_reason == "tool_use", f"stream={stream}: the first turn calls the tool: {first.stop_reason}")
    try:
        second = turn(follow_up(first), stream=stream)
    except anthropic.BadRequestError as error:
        check(False, f"stream={stream}: the signed thinking did not come back intact: {error}")
    check(second.stop_reason == "end_turn", f"stream={stream}: the second turn answers: {second.stop_reason}")
    check(second.content[-1].type == "text" and "21 degrees" in second.content[-1].text, f"stream={stream}: {second.content}")

# The upstream is as strict as Anthropic: without the thinking block the turn is refused.
first = turn([QUESTION])
stripped = [QUESTION, {"role": "assistant", "content": first.content[1:]}, follow_up(first)[2]]
try:
    turn(stripped)
    check(False, "a turn without its thinking was accepted")
except anthropic.BadRequestError:
    pass

count = client.messages.count_tokens(model="claude-thinking", system=SYSTEM, tools=TOOLS, messages=[QUESTION])
check(count.input_tokens > 0, f"count_tokens: {count}")
print("anthropic thinking check passed")
