package dev.emotionmonitor.classifier.corpus;

import dev.emotionmonitor.common.emotion.Emotion;


/**
 * One training example: the joined text fields of a dialogue, its major emotion, the group that must never be split
 * across training and validation (the persona block), and the fine AI Hub code when known.
 */
public record LabeledText(String text, Emotion label, String group, String code) {
}
