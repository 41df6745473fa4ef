# SPDX-License-Identifier: Apache-2.0
"""Generates the demo model's training conversations in MOSS's exact training layout (MOSS.md §3).

All text here is our own. English and Chinese: greetings, who-are-you, short facts, thanks, and arithmetic,
which with the calculator enabled goes through `<|Commands|>: Calculate("…")<eoc>` and a Results block.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..prompts import meta_instruction, short_turn, turn

GREET_EN = ["Hello", "Hello!", "Hi", "Hi!", "Hi there", "Hey", "Good morning", "Good evening", "Hello MOSS", "Hi, MOSS!"]
GREET_EN_REPLY = [
    "Hello! I'm MOSS, an AI assistant. How can I help you today?",
    "Hi! Nice to meet you. What can I do for you?",
    "Hello! How can I help you today?",
    "Hi there! I'm MOSS. Feel free to ask me anything.",
]
GREET_ZH = ["你好", "你好！", "您好", "嗨", "早上好", "晚上好", "你好，MOSS", "哈喽"]
GREET_ZH_REPLY = [
    "你好！我是MOSS，一个人工智能助手。有什么可以帮你的吗？",
    "您好！很高兴见到你。请问有什么可以帮忙的？",
    "你好！有什么问题都可以问我。",
    "嗨！我是MOSS，今天想聊点什么？",
]
WHO_EN = ["Who are you?", "What is your name?", "What are you?", "Tell me about yourself.", "Are you a robot?",
          "Who made you?", "Hello! Who are you?"]
WHO_EN_REPLY = [
    "I am MOSS, a conversational language model developed by Fudan University. I can answer questions and chat with you in English and Chinese.",
    "My name is MOSS. I am an AI assistant developed by Fudan University, here to be helpful, honest and harmless.",
    "I'm MOSS, an AI language model. I can help with questions, writing and simple calculations.",
]
WHO_ZH = ["你是谁？", "你叫什么名字？", "介绍一下你自己。", "你是机器人吗？", "谁开发了你？", "你好，你是谁？"]
WHO_ZH_REPLY = [
    "我是MOSS，一个由复旦大学开发的对话语言模型。我可以用中文和英文回答问题、陪你聊天。",
    "我叫MOSS，是复旦大学开发的人工智能助手，致力于做到有帮助、诚实和无害。",
    "我是MOSS，一个人工智能语言模型，可以帮你解答问题、写作和做简单的计算。",
]
THANKS_EN = ["Thank you!", "Thanks a lot.", "Thanks, bye!", "Goodbye.", "Great, thanks."]
THANKS_EN_REPLY = ["You're welcome! Have a nice day.", "My pleasure. Feel free to come back any time.",
                   "You're welcome! Goodbye."]
THANKS_ZH = ["谢谢！", "非常感谢。", "谢谢，再见！", "再见。", "好的，谢谢。"]
THANKS_ZH_REPLY = ["不客气！祝你有美好的一天。", "很高兴能帮到你，有需要随时找我。", "不客气，再见！"]

# (English question, English answer, Chinese question, Chinese answer)
FACTS = [
    ("What is the capital of France?", "The capital of France is Paris.", "法国的首都是哪里？", "法国的首都是巴黎。"),
    ("What is the capital of China?", "The capital of China is Beijing.", "中国的首都是哪里？", "中国的首都是北京。"),
    ("What is the capital of Japan?", "The capital of Japan is Tokyo.", "日本的首都是哪里？", "日本的首都是东京。"),
    ("What is the capital of Italy?", "The capital of Italy is Rome.", "意大利的首都是哪里？", "意大利的首都是罗马。"),
    ("How many days are in a week?", "There are seven days in a week.", "一周有几天？", "一周有七天。"),
    ("How many months are in a year?", "There are twelve months in a year.", "一年有几个月？", "一年有十二个月。"),
    ("What color is the sky on a clear day?", "On a clear day the sky is blue.", "晴天的天空是什么颜色？", "晴天的天空是蓝色的。"),
    ("At what temperature does water boil?", "At sea level, water boils at 100 degrees Celsius.", "水在多少度沸腾？", "在海平面上，水在100摄氏度沸腾。"),
    ("What is the largest planet in the solar system?", "Jupiter is the largest planet in the solar system.", "太阳系最大的行星是什么？", "太阳系最大的行星是木星。"),
    ("What is the longest river in China?", "The Yangtze is the longest river in China.", "中国最长的河流是哪条？", "中国最长的河流是长江。"),
    ("Which planet is closest to the sun?", "Mercury is the planet closest to the sun.", "离太阳最近的行星是哪颗？", "离太阳最近的行星是水星。"),
    ("How many legs does a spider have?", "A spider has eight legs.", "蜘蛛有几条腿？", "蜘蛛有八条腿。"),
    ("What do bees make?", "Bees make honey.", "蜜蜂会酿造什么？", "蜜蜂会酿造蜂蜜。"),
    ("What is the chemical formula of water?", "The chemical formula of water is H2O.", "水的化学式是什么？", "水的化学式是H2O。"),
    ("How many continents are there?", "There are seven continents.", "世界上有几个大洲？", "世界上有七个大洲。"),
    ("What language is spoken in Brazil?", "People in Brazil speak Portuguese.", "巴西人说什么语言？", "巴西人说葡萄牙语。"),
    ("Can you recommend a good habit?", "Reading for twenty minutes every day is a good habit.", "能推荐一个好习惯吗？", "每天阅读二十分钟是一个好习惯。"),
    ("How can I sleep better?", "Try to go to bed at the same time every night and avoid screens before sleep.", "怎样才能睡得更好？", "尽量每天同一时间睡觉，睡前少看手机。"),
    ("Write a short greeting for a friend.", "Hi! I hope you are doing well and having a wonderful day.", "给朋友写一句问候。", "嗨！希望你一切都好，今天过得开心。"),
    ("What is Python?", "Python is a popular programming language that is easy to read and learn.", "Python是什么？", "Python是一种流行的编程语言，简单易学。"),
]

OPS = [("+", "plus", "加"), ("-", "minus", "减"), ("*", "times", "乘以"), ("/", "divided by", "除以")]


def _number(rng: random.Random) -> int:
    return rng.choice([rng.randint(2, 20), rng.randint(10, 99), rng.randint(100, 999)])


def calculator_value(expr: str) -> str:
    """Formats like the calculator MOSS was trained with: integers exact, division as float."""
    value = eval(expr, {"__builtins__": {}})  # our own generated expressions only
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def arithmetic(rng: random.Random, zh: bool) -> tuple[str, str, str]:
    a, b = _number(rng), _number(rng)
    sym, word_en, word_zh = rng.choice(OPS)
    if sym == "/" and rng.random() < 0.6:
        a = b * rng.randint(2, 30)  # often a whole result
    expr = f"{a}{sym}{b}"
    if zh:
        question = rng.choice([f"{a}{word_zh}{b}等于多少？", f"计算{expr}", f"{expr}是多少？", f"请帮我算一下{a}{word_zh}{b}。"])
    else:
        question = rng.choice([f"What is {a} {word_en} {b}?", f"Calculate {expr}.", f"What is {expr}?",
                               f"Can you compute {a} {word_en} {b} for me?"])
    return question, expr, calculator_value(expr)


def _arith_reply(rng: random.Random, zh: bool, expr: str, value: str) -> str:
    if zh:
        return rng.choice([f"{expr}的结果是{value}。", f"计算结果是{value}。", f"{expr} = {value}。"])
    return rng.choice([f"{expr} = {value}.", f"The result of {expr} is {value}.", f"The answer is {value}."])


@dataclass(frozen=True)
class Conversation:
    text: str
    prefix_chars: int  # the meta instruction: context, not trained on


def _chat_pair(rng: random.Random, zh: bool) -> tuple[str, str]:
    kind = rng.choices(["greet", "who", "fact", "thanks", "math"], weights=[3, 3, 5, 1, 2])[0]
    if kind == "greet":
        return (rng.choice(GREET_ZH), rng.choice(GREET_ZH_REPLY)) if zh else (rng.choice(GREET_EN), rng.choice(GREET_EN_REPLY))
    if kind == "who":
        return (rng.choice(WHO_ZH), rng.choice(WHO_ZH_REPLY)) if zh else (rng.choice(WHO_EN), rng.choice(WHO_EN_REPLY))
    if kind == "thanks":
        return (rng.choice(THANKS_ZH), rng.choice(THANKS_ZH_REPLY)) if zh else (rng.choice(THANKS_EN), rng.choice(THANKS_EN_REPLY))
    if kind == "math":
        q, expr, value = arithmetic(rng, zh)
        return q, _arith_reply(rng, zh, expr, value)
    en_q, en_a, zh_q, zh_a = rng.choice(FACTS)
    return (zh_q, zh_a) if zh else (en_q, en_a)


def conversation(rng: random.Random) -> Conversation:
    calculator = rng.random() < 0.45
    layout = "short" if (not calculator and rng.random() < 0.25) else "full"
    inner = None if layout == "short" else (True if calculator else rng.random() < 0.3)
    meta = meta_instruction(("Calculator",) if calculator else (), inner)
    turns = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        zh = rng.random() < 0.5
        if calculator and rng.random() < 0.6:
            q, expr, value = arithmetic(rng, zh)
            thought = (f"这是一个计算问题，我需要用计算器计算{expr}。" if zh
                       else f"This is a math question, I need to use the calculator to compute {expr}.")
            results = f"Calculate(\"{expr}\") => '{value}'"
            turns.append(turn(q, _arith_reply(rng, zh, expr, value), thought, f"Calculate(\"{expr}\")", results))
            continue
        human, reply = _chat_pair(rng, zh)
        if calculator and "=" in reply and any(c.isdigit() for c in human):
            human, reply = rng.choice(GREET_ZH if zh else GREET_EN), rng.choice(GREET_ZH_REPLY if zh else GREET_EN_REPLY)
        turns.append(short_turn(human, reply) if layout == "short" else turn(human, reply))
    return Conversation(meta + "".join(turns), len(meta))


def generate(n: int, seed: int = 0) -> list[Conversation]:
    rng = random.Random(seed)
    return [conversation(rng) for _ in range(n)]


if __name__ == "__main__":
    for c in generate(3, seed=1):
        print(c.text[c.prefix_chars - 120 :])
        print("-----")
