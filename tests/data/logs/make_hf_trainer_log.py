"""Make ``hf-trainer.log``: the stdout and stderr of a real Hugging Face Trainer run, offline.

Run in a virtualenv of its own (the project does not depend on torch or transformers)::

    python3 -m venv .venv-hf && .venv-hf/bin/pip install torch transformers accelerate
    .venv-hf/bin/python tests/data/logs/make_hf_trainer_log.py > tests/data/logs/hf-trainer.log 2>&1

The model is a two-layer BERT built from a configuration (no download: no weights, no
tokenizer), trained for two epochs on 64 random token sequences with random labels, on the CPU,
with a fixed seed. What matters is not the model but the log: the Trainer prints its training
and evaluation logs as it does inside a SageMaker training container, one Python dict per line
(``{'loss': ..., 'epoch': ...}``, ``{'eval_loss': ..., 'epoch': ...}``).
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch
from transformers import (
    BertConfig,
    BertForSequenceClassification,
    Trainer,
    TrainingArguments,
    set_seed,
)


class RandomTokens(torch.utils.data.Dataset[dict[str, torch.Tensor]]):
    """Random token sequences with random binary labels."""

    def __init__(self, size: int, length: int, vocabulary: int, seed: int) -> None:
        generator = torch.Generator().manual_seed(seed)
        self.ids = torch.randint(0, vocabulary, (size, length), generator=generator)
        self.labels = torch.randint(0, 2, (size,), generator=generator)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        return {"input_ids": self.ids[index], "labels": self.labels[index]}


def main() -> None:
    set_seed(0)
    config = BertConfig(
        vocab_size=100,
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        num_labels=2,
    )
    model = BertForSequenceClassification(config)
    arguments = TrainingArguments(
        output_dir="/tmp/hf-trainer-log-run",
        num_train_epochs=2,
        per_device_train_batch_size=16,
        per_device_eval_batch_size=16,
        logging_steps=2,
        eval_strategy="epoch",
        save_strategy="no",
        report_to=[],
        disable_tqdm=True,  # the container's log has no progress bars
        use_cpu=True,
        seed=0,
    )
    trainer = Trainer(
        model=model,
        args=arguments,
        train_dataset=RandomTokens(64, 12, 100, seed=1),
        eval_dataset=RandomTokens(32, 12, 100, seed=2),
    )
    trainer.train()


if __name__ == "__main__":
    main()
