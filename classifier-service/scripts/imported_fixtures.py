#!/usr/bin/python3
"""Builds the imported-model test fixtures (or, with --bench, a BERT-base-sized encoder for the benchmark).

A tiny BERT-style sequence classifier with random weights, its WordPiece tokenizer.json and config.json, exported
to ONNX (torch.onnx.export, TorchScript-based exporter: no `onnx` package needed) and to TorchScript (torch.jit.trace
on (input_ids, attention_mask)), plus the probabilities PyTorch computes for a few texts, keyed by emotion id.
Needs only Debian's python3-torch (`apt-get install python3-torch`); tokenisation is re-implemented here (BERT
basic tokenizer + greedy WordPiece), which is exactly what the tokenizer.json written below describes.

  /usr/bin/python3 scripts/imported_fixtures.py                       # -> src/test/resources/imported/
  /usr/bin/python3 scripts/imported_fixtures.py --bench /tmp/bert-base  # 12 layers, hidden 768 (not committed)
"""
import argparse
import json
import math
import os
import unicodedata

import torch
from torch import nn

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
PAD, UNK, CLS, SEP = 0, 1, 2, 3
# the model's classes in its own order (not the canonical one: the import maps them by name)
KOREAN_LABELS = ["기쁨", "분노", "슬픔", "불안", "상처", "당황"]
EMOTION_IDS = {"분노": "anger", "슬픔": "sadness", "불안": "anxiety", "상처": "hurt", "당황": "embarrassment",
               "기쁨": "joy"}
MAX_POSITIONS = 24

TEXTS = [
    "오늘 발표 정말 잘 끝나서 기뻐요!",
    "너무 화가 나요.",
    "내일 시험인데 불안해요",
    "친구가 한 말에 상처받았어요. 속상해요",
    "갑자기 질문을 받아서 당황했어요?",
    "xyzzy ㅋㅋ 🙂 기뻐요",  # unknown words become [UNK]
    "슬퍼요",
    # longer than max_position_embeddings tokens: truncated
    "오늘 하루는 정말 길었어요 아침부터 화가 나고 점심에는 슬퍼요 저녁에는 불안해요 그래도 내일은 기뻐요 "
    "정말 정말 정말 정말 정말 정말 정말 정말 정말 끝",
]


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text):
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents=false) + BertPreTokenizer."""
    words, current = [], ""
    for ch in text.lower():
        if ch.isspace():
            if current:
                words.append(current)
            current = ""
        elif is_punctuation(ch):
            if current:
                words.append(current)
            words.append(ch)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def wordpiece(word, vocab):
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab, max_length):
    ids = [vocab[p] for w in basic_tokens(text) for p in wordpiece(w, vocab)]
    return [CLS] + ids[: max_length - 2] + [SEP]


def build_vocab(size):
    whole = ["오늘", "발표", "정말", "잘", "너무", "화가", "나요", "내일", "시험", "친구가", "한", "말에", "갑자기",
             "질문을", "슬퍼요", "기뻐요", "하루는", "길었어요", "아침부터", "그래도", "끝", ".", "!", "?"]
    chars = sorted({ch for t in TEXTS for ch in t.lower() if not ch.isspace() and ch not in "xyzㅋ🙂"})
    tokens = SPECIALS + whole + chars + ["##" + ch for ch in chars]
    seen, vocab = set(), []
    for token in tokens:
        if token not in seen:
            seen.add(token)
            vocab.append(token)
    filler = 0
    while len(vocab) < size:
        vocab.append("[unused%d]" % filler)
        filler += 1
    return {token: i for i, token in enumerate(vocab)}


def tokenizer_json(vocab):
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(SPECIALS)],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": False, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [SEP], "tokens": ["[SEP]"]}},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


class Layer(nn.Module):
    def __init__(self, hidden, heads, ffn):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.norm1 = nn.LayerNorm(hidden, eps=1e-12)
        self.ffn1 = nn.Linear(hidden, ffn)
        self.ffn2 = nn.Linear(ffn, hidden)
        self.norm2 = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x, bias):
        b, n, h = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        attention = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + bias, dim=-1)
        x = self.norm1(x + self.out((attention @ v).transpose(1, 2).reshape(b, n, h)))
        return self.norm2(x + self.ffn2(nn.functional.gelu(self.ffn1(x))))


class Classifier(nn.Module):
    """BERT-style: word + position + token-type embeddings, post-norm layers, [CLS] -> tanh pooler -> logits."""

    def __init__(self, vocab_size, hidden, layers, heads, ffn, labels):
        super().__init__()
        self.words = nn.Embedding(vocab_size, hidden)
        self.positions = nn.Embedding(MAX_POSITIONS if hidden < 256 else 512, hidden)
        self.types = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.ModuleList([Layer(hidden, heads, ffn) for _ in range(layers)])
        self.pooler = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, labels)

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.norm(self.words(input_ids) + self.positions(positions) + self.types(token_type_ids))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.classifier(torch.tanh(self.pooler(x[:, 0])))


class TwoInputs(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids, attention_mask)


def config(labels, max_positions, hidden, layers):
    return {"architectures": ["BertForSequenceClassification"], "model_type": "bert",
            "hidden_size": hidden, "num_hidden_layers": layers, "max_position_embeddings": max_positions,
            "id2label": {str(i): label for i, label in enumerate(labels)},
            "label2id": {label: i for i, label in enumerate(labels)}}


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(value, out, ensure_ascii=False, indent=1)
        out.write("\n")


def export(model, vocab, directory, hidden, layers, max_positions):
    onnx_dir, ts_dir = os.path.join(directory, "onnx"), os.path.join(directory, "torchscript")
    os.makedirs(onnx_dir, exist_ok=True)
    os.makedirs(ts_dir, exist_ok=True)
    ids = torch.tensor([[CLS, 5, 6, SEP], [CLS, 7, SEP, PAD]])
    mask = (ids != PAD).long()
    types = torch.zeros_like(ids)
    torch.onnx.export(model, (ids, mask, types), os.path.join(onnx_dir, "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={name: {0: "batch", 1: "sequence"}
                                    for name in ["input_ids", "attention_mask", "token_type_ids"]}
                      | {"logits": {0: "batch"}}, opset_version=14)
    traced = torch.jit.trace(TwoInputs(model), (ids, mask))
    traced.save(os.path.join(ts_dir, "model.pt"))
    for d in (onnx_dir, ts_dir):
        write_json(os.path.join(d, "tokenizer.json"), tokenizer_json(vocab))
    # ONNX: Korean names in the model's own order; TorchScript: generic names plus a label map
    write_json(os.path.join(onnx_dir, "config.json"), config(KOREAN_LABELS, max_positions, hidden, layers))
    write_json(os.path.join(ts_dir, "config.json"),
               config(["LABEL_%d" % i for i in range(6)], max_positions, hidden, layers))
    write_json(os.path.join(ts_dir, "emotion-import.json"),
               {"labels": {"LABEL_%d" % i: EMOTION_IDS[k] for i, k in enumerate(KOREAN_LABELS)}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources",
                                                      "imported"))
    parser.add_argument("--bench", help="write a BERT-base-sized encoder (12 x 768) here instead")
    args = parser.parse_args()
    torch.manual_seed(14)
    if args.bench:
        vocab = build_vocab(30000)
        model = Classifier(len(vocab), 768, 12, 12, 3072, 6).eval()
        with torch.no_grad():
            export(model, vocab, args.bench, 768, 12, 512)
        print("wrote", args.bench)
        return
    vocab = build_vocab(0)
    model = Classifier(len(vocab), 32, 2, 4, 64, 6).eval()
    with torch.no_grad():
        for p in model.parameters():  # larger weights than the init: probabilities far from uniform
            p.mul_(3.0)
        export(model, vocab, args.out, 32, 2, MAX_POSITIONS)
        expected = []
        for text in TEXTS:
            ids = torch.tensor([encode(text, vocab, MAX_POSITIONS)])
            probs = torch.softmax(model(ids, torch.ones_like(ids)), dim=-1)[0].tolist()
            expected.append({"text": text, "tokens": int(ids.shape[1]),
                             "scores": {EMOTION_IDS[k]: probs[i] for i, k in enumerate(KOREAN_LABELS)}})
    write_json(os.path.join(args.out, "expected.json"), {"max_length": MAX_POSITIONS, "texts": expected})
    print("wrote", os.path.abspath(args.out))


if __name__ == "__main__":
    main()
