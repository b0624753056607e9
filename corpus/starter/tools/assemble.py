#!/usr/bin/env python3
"""Builds starter-corpus-2.json (AI Hub labeling-JSON shape) from the hand-written sources in this folder's sources/:
<class>-dialogues.jsonl (one dialogue a line) and reflection-lines.jsonl (5F "feeling" lines, kept as one-turn
dialogues in persona blocks of three so that grouped splits keep a writer on one side).
Usage: python3 corpus/starter/tools/assemble.py"""
import json, pathlib

HERE = pathlib.Path(__file__).resolve().parent.parent
SOURCES = HERE / "sources"
CLASSES = ["anger", "sadness", "anxiety", "hurt", "embarrassment", "joy"]
# reflection lines are written at work or in study groups: situation and speaker vary by line number
REFLECTION_SITUATIONS = ["S10", "S06", "S02", "S04"]
REFLECTION_PEOPLE = [("A02", "G01"), ("A02", "G02"), ("A03", "G01"), ("A03", "G02"), ("A01", "G02"), ("A01", "G01")]


def record(number, talk, persona, age, gender, situation, disease, code, hs, ss):
    content = {}
    for i in range(3):
        content[f"HS0{i + 1}"] = hs[i] if i < len(hs) else ""
        content[f"SS0{i + 1}"] = ss[i] if i < len(ss) else ""
    profile_id = f"Pro_{number:05d}"
    return {"profile": {"persona-id": profile_id,
                        "persona": {"persona-id": f"{age}_{gender}_C01", "human": [age, gender], "computer": [age, gender]},
                        "emotion": {"emotion-id": f"{situation}_{disease}_{code}", "type": code,
                                    "situation": [situation, disease]}},
            "talk": {"id": {"profile-id": profile_id, "talk-id": f"{profile_id}_{talk:05d}"}, "content": content}}


def main():
    records, personas = [], {}
    for name in CLASSES:
        for line in (SOURCES / f"{name}-dialogues.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            number = personas.setdefault(d["persona"], 10001 + len(personas))
            talk = sum(1 for r in records if r["profile"]["persona-id"] == f"Pro_{number:05d}") + 1
            records.append(record(number, talk, d["persona"], d["age"], d["gender"], d["situation"], d["disease"],
                                  d["code"], d["hs"], d["ss"]))
    lines = [json.loads(l) for l in (SOURCES / "reflection-lines.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    for i, line in enumerate(lines):
        block = i // 3
        number = personas.setdefault(f"reflection-{block}", 10001 + len(personas))
        age, gender = REFLECTION_PEOPLE[block % len(REFLECTION_PEOPLE)]
        records.append(record(number, i % 3 + 1, None, age, gender, REFLECTION_SITUATIONS[block % 4], "D02",
                              line["code"], [line["text"]], []))
    out = HERE / "starter-corpus-2.json"
    with out.open("w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n")
    print(f"{len(records)} records ({len(records) - len(lines)} dialogues, {len(lines)} reflection lines) -> {out}")
    # the held-out reflection lines (written apart, never trained on), in the same shape for ./emotion evaluate
    held_out = [json.loads(l) for l in (SOURCES / "reflection-eval.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    evaluation = [record(90001 + i // 3, i % 3 + 1, None, "A02", "G02", "S10", "D02", line["code"], [line["text"]], [])
                  for i, line in enumerate(held_out)]
    eval_out = HERE / "reflection-eval.json"
    with eval_out.open("w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation) + "\n]\n")
    print(f"{len(evaluation)} held-out reflection lines -> {eval_out}")


if __name__ == "__main__":
    main()
