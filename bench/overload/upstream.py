#!/usr/bin/env python3
"""A slow OpenAI-compatible upstream for bench/overload/run: every POST /v1/chat/completions is answered after
DELAY seconds with a canned chat.completion, so requests pile up in the gateway. `GET /peak` answers the most
calls it held at once since the last `GET /peak` (and starts counting again). Standard library only.

    upstream.py PORT DELAY_SECONDS
"""

import asyncio
import json
import sys

ANSWER = json.dumps({
    "id": "chatcmpl-overload", "object": "chat.completion", "created": 1700000000, "model": "bench-model",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "slow answer"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12},
}).encode()
RESPONSE = (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + str(len(ANSWER)).encode()
            + b"\r\n\r\n" + ANSWER)


held = 0
peak = 0


async def serve(reader, writer, delay):
    global held, peak
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if head.startswith(b"GET /peak"):
                body = json.dumps({"peak": peak}).encode()
                peak = held
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                await writer.drain()
                continue
            length = 0
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            held += 1
            peak = max(peak, held)
            try:
                await asyncio.sleep(delay)
            finally:
                held -= 1
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port, delay):
    server = await asyncio.start_server(lambda r, w: serve(r, w, delay), "127.0.0.1", port, backlog=4096)
    print(f"upstream listening on {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), float(sys.argv[2])))
