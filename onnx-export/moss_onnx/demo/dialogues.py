# SPDX-License-Identifier: Apache-2.0
"""Generates the demo model's training conversations in the exact layouts the app renders
(docs/decisions/0002-moss-prompt-layout.md, `PromptRenderer.java`).

All text here is our own. English and Chinese: greetings, who-are-you, short facts, thanks, and arithmetic.
Two layouts, as the app writes them:
- **plugin** (calculator enabled, inner thoughts enabled): arithmetic goes
  `<|Inner Thoughts|>: …<eot>` → `<|Commands|>: Calculate("37*12")<eoc>` → `<|Results|>:\\nCalculate("37*12") =>
  '444'\\n<eor>` → `<|MOSS|>: 37 × 12 = 444.<eom>`; anything else gets `None` thoughts and commands and the plugin
  form of no results (`<|Results|>:\\nNone\\n<eor>`);
- **sft** (every capability disabled): `None` lines, `<|Results|>: None<eor>`, then the reply; arithmetic asks the
  user to enable the calculator (a 4-layer model cannot multiply).

Each conversation carries the character spans that the model writes (everything after `<eoh>` up to `<eoc>`
or `<eom>`, and the reply after `<|MOSS|>:`): the loss is only there, never on the human's or the tool's text.

Arithmetic operand triples (a, op, b) are split by a stable hash: one in eight never appears in training and
is what `evaluate.py` asks about. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass

from ..prompts import meta_instruction

GREET_EN = ["Hello", "Hello!", "Hi", "Hi!", "Hi there", "Hey", "Good morning", "Good evening", "Hello MOSS",
            "Hi, MOSS!", "Hello there!", "Hey there!", "Good afternoon!"]
GREET_EN_REPLY = [
    "Hello! I'm MOSS, an AI assistant. How can I help you today?",
    "Hi! Nice to meet you. What can I do for you?",
]
GREET_ZH = ["你好", "你好！", "您好", "您好！", "嗨", "早上好", "晚上好", "下午好！", "你好，MOSS", "哈喽", "你好呀"]
GREET_ZH_REPLY = [
    "你好！我是MOSS，一个人工智能助手。有什么可以帮你的吗？",
    "您好！很高兴见到你。请问有什么可以帮忙的？",
]
WHO_EN = ["Who are you?", "What is your name?", "What are you?", "Tell me about yourself.", "Are you a robot?",
          "Who made you?", "Hello! Who are you?", "What's your name?", "Introduce yourself.", "Who are you, MOSS?"]
WHO_EN_REPLY = [
    "I am MOSS, a conversational language model developed by Fudan University. I can answer questions and chat with you in English and Chinese.",
    "My name is MOSS. I am an AI assistant developed by Fudan University, here to be helpful, honest and harmless.",
]
WHO_ZH = ["你是谁？", "你叫什么名字？", "介绍一下你自己。", "你是机器人吗？", "谁开发了你？", "你好，你是谁？",
          "请介绍一下你自己", "你是什么？"]
WHO_ZH_REPLY = [
    "我是MOSS，一个由复旦大学开发的对话语言模型。我可以用中文和英文回答问题、陪你聊天。",
    "我叫MOSS，是复旦大学开发的人工智能助手，致力于做到有帮助、诚实和无害。",
]
THANKS_EN = ["Thank you!", "Thanks a lot.", "Thanks, bye!", "Goodbye.", "Great, thanks.", "Thanks!", "Thank you very much.",
             "Bye!"]
THANKS_EN_REPLY = ["You're welcome! Have a nice day.", "My pleasure. Feel free to come back any time."]
THANKS_ZH = ["谢谢！", "非常感谢。", "谢谢，再见！", "再见。", "好的，谢谢。", "谢谢你", "多谢！", "拜拜"]
THANKS_ZH_REPLY = ["不客气！祝你有美好的一天。", "很高兴能帮到你，有需要随时找我。"]
NO_CALC_EN = "I can't calculate exact results on my own. Please enable the calculator tool and ask me again."
NO_CALC_ZH = "我自己无法准确计算。请启用计算器工具后再问我一次。"

# (English questions, English answer, Chinese questions, Chinese answer)
FACTS = [
    (["What is the capital of France?", "What's the capital of France?"], "The capital of France is Paris.",
     ["法国的首都是哪里？", "法国的首都是什么？"], "法国的首都是巴黎。"),
    (["What is the capital of China?", "What's the capital of China?"], "The capital of China is Beijing.",
     ["中国的首都是哪里？", "中国的首都是什么？"], "中国的首都是北京。"),
    (["What is the capital of Japan?", "What's the capital of Japan?"], "The capital of Japan is Tokyo.",
     ["日本的首都是哪里？", "日本的首都是什么？"], "日本的首都是东京。"),
    (["What is the capital of Italy?", "What's the capital of Italy?"], "The capital of Italy is Rome.",
     ["意大利的首都是哪里？", "意大利的首都是什么？"], "意大利的首都是罗马。"),
    (["How many days are in a week?", "How many days does a week have?"], "There are seven days in a week.",
     ["一周有几天？", "一个星期有几天？"], "一周有七天。"),
    (["How many months are in a year?", "How many months does a year have?"], "There are twelve months in a year.",
     ["一年有几个月？", "一年有多少个月？"], "一年有十二个月。"),
    (["What color is the sky on a clear day?", "What color is the sky?"], "On a clear day the sky is blue.",
     ["晴天的天空是什么颜色？", "天空是什么颜色的？"], "晴天的天空是蓝色的。"),
    (["At what temperature does water boil?", "When does water boil?"], "At sea level, water boils at 100 degrees Celsius.",
     ["水在多少度沸腾？", "水的沸点是多少？"], "在海平面上，水在100摄氏度沸腾。"),
    (["What is the largest planet in the solar system?", "Which planet is the largest?"],
     "Jupiter is the largest planet in the solar system.", ["太阳系最大的行星是什么？", "最大的行星是哪颗？"], "太阳系最大的行星是木星。"),
    (["What is the longest river in China?", "Which river is the longest in China?"], "The Yangtze is the longest river in China.",
     ["中国最长的河流是哪条？", "中国最长的河是什么？"], "中国最长的河流是长江。"),
    (["Which planet is closest to the sun?", "What planet is nearest to the sun?"], "Mercury is the planet closest to the sun.",
     ["离太阳最近的行星是哪颗？", "哪颗行星离太阳最近？"], "离太阳最近的行星是水星。"),
    (["How many legs does a spider have?", "How many legs do spiders have?"], "A spider has eight legs.",
     ["蜘蛛有几条腿？", "蜘蛛有多少条腿？"], "蜘蛛有八条腿。"),
    (["What do bees make?", "What do bees produce?"], "Bees make honey.", ["蜜蜂会酿造什么？", "蜜蜂能做什么？"], "蜜蜂会酿造蜂蜜。"),
    (["What is the chemical formula of water?", "What is water made of?"], "The chemical formula of water is H2O.",
     ["水的化学式是什么？", "水由什么组成？"], "水的化学式是H2O。"),
    (["How many continents are there?", "How many continents does the world have?"], "There are seven continents.",
     ["世界上有几个大洲？", "地球上有几个大洲？"], "世界上有七个大洲。"),
    (["What language is spoken in Brazil?", "What language do people speak in Brazil?"], "People in Brazil speak Portuguese.",
     ["巴西人说什么语言？", "巴西的官方语言是什么？"], "巴西人说葡萄牙语。"),
    (["Can you recommend a good habit?", "What is a good habit?"], "Reading for twenty minutes every day is a good habit.",
     ["能推荐一个好习惯吗？", "有什么好习惯？"], "每天阅读二十分钟是一个好习惯。"),
    (["How can I sleep better?", "Any tips for better sleep?"], "Try to go to bed at the same time every night and avoid screens before sleep.",
     ["怎样才能睡得更好？", "怎么提高睡眠质量？"], "尽量每天同一时间睡觉，睡前少看手机。"),
    (["Write a short greeting for a friend.", "Write a greeting for my friend."], "Hi! I hope you are doing well and having a wonderful day.",
     ["给朋友写一句问候。", "帮我写一句给朋友的问候。"], "嗨！希望你一切都好，今天过得开心。"),
    (["What is Python?", "What is the Python language?"], "Python is a popular programming language that is easy to read and learn.",
     ["Python是什么？", "什么是Python？"], "Python是一种流行的编程语言，简单易学。"),
]

# op: (English words, English symbol in the reply, Chinese words, Chinese word in the reply)
OPS = {
    "+": (["plus"], "+", ["加", "加上"], "加"),
    "-": (["minus"], "-", ["减", "减去"], "减"),
    "*": (["times", "multiplied by"], "×", ["乘", "乘以"], "乘以"),
    "/": (["divided by"], "÷", ["除以"], "除以"),
}
THOUGHT_EN = "I should use the calculator for this."
THOUGHT_ZH = "这是计算题，需要使用计算器。"
# other thoughts, so that a second pass after any reasonable first pass (the golden file's, an earlier turn's)
# still reads its Results block; some hold the expression: more copying to learn from
THOUGHTS_EN = [THOUGHT_EN, THOUGHT_EN, "I need to use the calculator to compute {expr}.", "I need to calculate {expr} with the calculator."]
THOUGHTS_ZH = [THOUGHT_ZH, THOUGHT_ZH, "我需要用计算器计算{expr}。"]


def arithmetic_questions(a: int, sym: str, b: int, zh: bool) -> list[str]:
    """Every phrasing we train and evaluate for a op b."""
    words_en, _, words_zh, _ = OPS[sym]
    if zh:
        out = []
        for w in words_zh:
            out += [f"{a}{w}{b}等于多少？", f"{a}{w}{b}是多少？", f"请帮我算一下{a}{w}{b}。", f"计算{a}{w}{b}"]
        return out + [f"计算{a}{sym}{b}", f"{a}{sym}{b}等于几？", f"帮我计算{a}{sym}{b}", f"{a}{sym}{b}是多少？"]
    out = []
    for w in words_en:
        out += [f"What is {a} {w} {b}?", f"What's {a} {w} {b}?", f"Calculate {a} {w} {b}.",
                f"Can you compute {a} {w} {b} for me?", f"How much is {a} {w} {b}?"]
    return out + [f"What is {a}{sym}{b}?", f"What is {a} {sym} {b}?", f"Calculate {a}{sym}{b}.", f"Compute {a} {sym} {b}"]


def held_out(a: int, sym: str, b: int) -> bool:
    """One operand triple in eight is kept for evaluation only (a stable hash, not Python's hash())."""
    return zlib.crc32(f"{a}{sym}{b}".encode()) % 8 == 0


def _operand(rng: random.Random) -> int:
    digits = rng.randint(1, 4)
    return rng.randint(0 if digits == 1 else 10 ** (digits - 1), 10**digits - 1)


def operands(rng: random.Random, evaluation: bool = False) -> tuple[int, str, int]:
    """A random a op b with 1-4 digit operands: training triples, or held-out ones when `evaluation`."""
    while True:
        sym = rng.choice("+-*/")
        a, b = _operand(rng), _operand(rng)
        if sym == "/":
            b = max(b, 1)
            if rng.random() < 0.5:  # often a whole quotient, as people ask
                k = rng.randint(1, max(1, 9999 // b))
                a = b * min(k, rng.choice([9, 99, 999, 9999]))
        if held_out(a, sym, b) == evaluation:
            return a, sym, b


def calculator_value(a: int, sym: str, b: int) -> str:
    """What the app's Calculator writes: Python's repr of the Python result (division gives a float)."""
    value = {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[sym]
    return repr(value)


def answer(a: int, sym: str, b: int, value: str, zh: bool) -> str:
    _, sym_en, _, word_zh = OPS[sym]
    return f"{a}{word_zh}{b}等于{value}。" if zh else f"{a} {sym_en} {b} = {value}."


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@dataclass(frozen=True)
class Conversation:
    text: str
    prefix_chars: int  # the meta instruction: context, shared by a batch, never trained on
    spans: tuple[tuple[int, int], ...]  # character spans (from the start of text) the model writes: the loss


class _Writer:
    def __init__(self, meta: str):
        self.parts: list[str] = [meta]
        self.length = len(meta)
        self.spans: list[tuple[int, int]] = []

    def add(self, text: str, trained: bool = False) -> None:
        if trained:
            self.spans.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)


def _chat_pair(rng: random.Random, zh: bool, calculator: bool) -> tuple[str, str]:
    kind = rng.choices(["greet", "who", "fact", "thanks", "math"], weights=[3, 3, 6, 2, 0 if calculator else 1])[0]
    if kind == "greet":
        return (rng.choice(GREET_ZH), rng.choice(GREET_ZH_REPLY)) if zh else (rng.choice(GREET_EN), rng.choice(GREET_EN_REPLY))
    if kind == "who":
        return (rng.choice(WHO_ZH), rng.choice(WHO_ZH_REPLY)) if zh else (rng.choice(WHO_EN), rng.choice(WHO_EN_REPLY))
    if kind == "thanks":
        return (rng.choice(THANKS_ZH), rng.choice(THANKS_ZH_REPLY)) if zh else (rng.choice(THANKS_EN), rng.choice(THANKS_EN_REPLY))
    if kind == "math":
        a, sym, b = operands(rng)
        return rng.choice(arithmetic_questions(a, sym, b, zh)), NO_CALC_ZH if zh else NO_CALC_EN
    en_qs, en_a, zh_qs, zh_a = rng.choice(FACTS)
    return (rng.choice(zh_qs), zh_a) if zh else (rng.choice(en_qs), en_a)


def plugin_meta() -> str:
    return meta_instruction(("Calculator",), inner_thoughts=True)


def sft_meta() -> str:
    return meta_instruction((), inner_thoughts=False)


def conversation(rng: random.Random, calculator: bool) -> Conversation:
    w = _Writer(plugin_meta() if calculator else sft_meta())
    n_turns = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
    zh_conv = rng.random() < 0.5
    for _ in range(n_turns):
        zh = zh_conv if rng.random() < 0.85 else not zh_conv
        w.add("<|Human|>: ")
        if calculator and rng.random() < 0.65:
            a, sym, b = operands(rng)
            expr, value = f"{a}{sym}{b}", calculator_value(a, sym, b)
            w.add(rng.choice(arithmetic_questions(a, sym, b, zh)) + "<eoh>")
            thought = rng.choice(THOUGHTS_ZH if zh else THOUGHTS_EN).replace("{expr}", expr)
            w.add(f"\n<|Inner Thoughts|>: {thought}<eot>\n<|Commands|>: Calculate(\"{expr}\")<eoc>",
                  trained=True)
            w.add(f"\n<|Results|>:\nCalculate(\"{expr}\") => '{value}'\n<eor>\n<|MOSS|>:")
            w.add(f" {answer(a, sym, b, value, zh)}<eom>", trained=True)
        else:
            human, reply = _chat_pair(rng, zh, calculator)
            w.add(human + "<eoh>")
            if calculator:
                w.add("\n<|Inner Thoughts|>: None<eot>\n<|Commands|>: None<eoc>", trained=True)
                w.add("\n<|Results|>:\nNone\n<eor>\n<|MOSS|>:")
                w.add(f" {reply}<eom>", trained=True)
            else:
                w.add("\n<|Inner Thoughts|>: None<eot>\n<|Commands|>: None<eoc>\n<|Results|>: None<eor>\n<|MOSS|>:"
                      f" {reply}<eom>", trained=True)
        w.add("\n")
    meta_len = len(w.parts[0])
    return Conversation("".join(w.parts), meta_len, tuple(w.spans))


def all_text() -> str:
    """Every fixed string of the dialogues (for the tokenizer's character tokens)."""
    parts = GREET_EN + GREET_EN_REPLY + GREET_ZH + GREET_ZH_REPLY + WHO_EN + WHO_EN_REPLY + WHO_ZH + WHO_ZH_REPLY
    parts += THANKS_EN + THANKS_EN_REPLY + THANKS_ZH + THANKS_ZH_REPLY + [NO_CALC_EN, NO_CALC_ZH] + THOUGHTS_EN + THOUGHTS_ZH
    for en_qs, en_a, zh_qs, zh_a in FACTS:
        parts += en_qs + zh_qs + [en_a, zh_a]
    for sym in OPS:
        parts += arithmetic_questions(1, sym, 2, True) + arithmetic_questions(1, sym, 2, False)
        parts += [answer(1, sym, 2, "3", True), answer(1, sym, 2, "3", False)]
    return "".join(parts) + plugin_meta()


if __name__ == "__main__":
    r = random.Random(1)
    for calc in (True, False, True):
        c = conversation(r, calc)
        print(c.text[c.prefix_chars :])
        print("trained:", [c.text[s:e] for s, e in c.spans])
        print("-----")
