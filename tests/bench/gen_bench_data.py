#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes large synthetic inputs for the import benchmarks (fake numbers, made-up text).

usage: gen_bench_data.py OUTDIR [--calls N] [--whatsapp N] [--csv N] [--screenshots-mib N]
"""
import argparse
import os
import random
import struct
import zlib
from datetime import datetime, timedelta, timezone

PHRASES = [
    "你好，你在我司的借款已经逾期，请今天下午五点前处理",
    "再不还款我们将联系你的通讯录好友和单位领导",
    "这是最后一次通知，逾期将上门催收",
    "你的案件已经移交法务部，准备起诉",
    "请尽快还款，避免影响征信",
    "好的，我知道了",
    "我下周一发工资后还",
    "不要再打给我家人了",
]


def numbers(rng, n):
    prefixes = ["138", "139", "150", "170", "171", "186", "133", "199", "166"]
    return [rng.choice(prefixes) + "".join(rng.choice("0123456789") for _ in range(8)) for _ in range(n)]


def gen_sbr_calls(path, count, rng):
    pool = numbers(rng, 5000) + ["95588", "10086", "-2", "4001234567", "010-62345678"]
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with open(path, "w", encoding="utf-8") as f:
        f.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        f.write(f'<calls count="{count}" backup_set="bench" backup_date="1739000000000" type="full">\n')
        t = int(start.timestamp() * 1000)
        for i in range(count):
            t += rng.randint(1000, 60000)
            num = rng.choice(pool)
            typ = rng.choice((1, 1, 2, 3, 3, 5, 6))
            dur = 0 if typ in (3, 5, 6) else rng.randint(1, 900)
            readable = datetime.fromtimestamp(t / 1000, tz=timezone(timedelta(hours=8))).strftime("%b %d, %Y %I:%M:%S %p")
            f.write(f'  <call number="{num}" duration="{dur}" date="{t}" type="{typ}" presentation="1" '
                    f'subscription_id="1" post_dial_digits="" readable_date="{readable}" contact_name="(Unknown)" />\n')
        f.write("</calls>\n")


def gen_whatsapp(path, count, rng):
    authors = ["催收专员王", "+86 170 1234 5678", "李经理", "我"]
    t = datetime(2024, 3, 1, 8, 0)
    with open(path, "w", encoding="utf-8") as f:
        f.write("01/03/2024, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n")
        for i in range(count):
            t += timedelta(seconds=rng.randint(5, 400))
            body = rng.choice(PHRASES)
            if i % 17 == 0:
                body += "\n" + rng.choice(PHRASES)
            f.write(f"{t:%d/%m/%Y, %H:%M} - {rng.choice(authors)}: {body}\n")


def gen_carrier_csv(path, count, rng):
    pool = numbers(rng, 8000)
    places = ["北京", "上海", "广州", "深圳", "杭州"]
    t = datetime(2024, 1, 1, 0, 0, 0)
    with open(path, "w", encoding="utf-8") as f:
        f.write("序号,通话起始时间,通话时长,呼叫类型,对方号码,通话地点,通话类型,通话费\n")
        for i in range(1, count + 1):
            t += timedelta(seconds=rng.randint(10, 120))
            d = rng.randint(0, 3600)
            dur = f"{d // 60}分{d % 60}秒" if d >= 60 else f"{d}秒"
            f.write(f"{i},{t:%Y-%m-%d %H:%M:%S},{dur},{rng.choice(('主叫', '被叫'))},{rng.choice(pool)},"
                    f"{rng.choice(places)},本地,0.00\n")


def png_bytes(width, height, rng):
    # Noisy rows with some flat areas, like a chat screenshot with photos; stored with zlib level 1.
    raw = bytearray()
    noise = os.urandom(width * 3)
    for y in range(height):
        raw.append(0)
        if (y // 64) % 3 == 0:
            raw += noise[(y % 7):] + noise[:(y % 7)]
        else:
            raw += bytes([240, 240, 240]) * width
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 1)) + chunk(b"IEND", b"")


def gen_screenshots(folder, mib, rng):
    os.makedirs(folder, exist_ok=True)
    total = 0
    i = 0
    base = datetime(2025, 2, 13, 10, 15, 0)
    while total < mib * 1024 * 1024:
        data = png_bytes(1080, 2400, rng)
        name = f"Screenshot_{base + timedelta(minutes=i):%Y-%m-%d-%H-%M-%S}-{i % 1000:03d}_com.tencent.mm.png"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        total += len(data)
        i += 1
    return i, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--whatsapp", type=int, default=200_000)
    ap.add_argument("--csv", type=int, default=1_000_000)
    ap.add_argument("--screenshots-mib", type=int, default=1024)
    args = ap.parse_args()
    rng = random.Random(20250212)
    os.makedirs(args.outdir, exist_ok=True)
    if args.calls:
        gen_sbr_calls(os.path.join(args.outdir, "calls-bench.xml"), args.calls, rng)
    if args.whatsapp:
        gen_whatsapp(os.path.join(args.outdir, "WhatsApp Chat with 催收.txt"), args.whatsapp, rng)
    if args.csv:
        gen_carrier_csv(os.path.join(args.outdir, "carrier-bench.csv"), args.csv, rng)
    if args.screenshots_mib:
        n, total = gen_screenshots(os.path.join(args.outdir, "screenshots"), args.screenshots_mib, rng)
        print(f"screenshots: {n} files, {total / 1048576:.0f} MiB")


if __name__ == "__main__":
    main()
