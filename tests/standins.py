"""Stand-in datasets in the real on-disk formats, for the full-profile dry runs.

The files are tiny and random, but laid out exactly as the real downloads are, so a notebook's
real loading code runs against them. A section that adds a dataset adds its writer here and to
WRITERS.
"""
import gzip
import pickle
import random
import struct
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image


def _idx(path: Path, array: np.ndarray) -> None:
    """IDX format (MNIST): magic (0, 0, dtype=0x08 ubyte, ndim), big-endian dims, raw bytes."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def mnist_like(root: Path, folder: str, n_train: int = 256, n_test: int = 128, seed: int = 0) -> None:
    """torchvision's MNIST / FashionMNIST layout: <root>/<folder>/raw/*-ubyte (uncompressed)."""
    rng = np.random.default_rng(seed)
    raw = root / folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        _idx(raw / f"{prefix}-images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28)))
        _idx(raw / f"{prefix}-labels-idx1-ubyte", np.arange(n) % 10)


def cifar10(root: Path, n_per_batch: int = 100, seed: int = 0) -> None:
    """The python version of CIFAR-10: pickled dicts with b'data' (N×3072 uint8) and b'labels'."""
    rng = np.random.default_rng(seed)
    base = root / "cifar-10-batches-py"
    base.mkdir(parents=True, exist_ok=True)
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        batch = {b"batch_label": name.encode(), b"labels": [int(i % 10) for i in range(n_per_batch)],
                 b"data": rng.integers(0, 256, (n_per_batch, 3072), dtype=np.uint8),
                 b"filenames": [f"{name}_{i}.png".encode() for i in range(n_per_batch)]}
        with open(base / name, "wb") as f:
            pickle.dump(batch, f)
    with open(base / "batches.meta", "wb") as f:
        pickle.dump({b"label_names": [n.encode() for n in names], b"num_cases_per_batch": n_per_batch,
                     b"num_vis": 3072}, f)


def oxford_pet(root: Path, n: int = 24, seed: int = 0) -> None:
    """torchvision's OxfordIIITPet layout: images/*.jpg, annotations/trimaps/*.png (1 pet,
    2 background, 3 border), annotations/{trainval,test}.txt with 'name class species breed'."""
    rng = np.random.default_rng(seed)
    base = root / "oxford-iiit-pet"
    (base / "images").mkdir(parents=True, exist_ok=True)
    (base / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        name = f"Abyssinian_{i + 1}" if i % 2 else f"american_bulldog_{i + 1}"
        h, w = int(rng.integers(96, 160)), int(rng.integers(96, 160))
        Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).save(base / "images" / f"{name}.jpg")
        trimap = np.full((h, w), 2, np.uint8)
        trimap[h // 4: 3 * h // 4, w // 4: 3 * w // 4] = 1
        trimap[h // 4, w // 4: 3 * w // 4] = 3
        Image.fromarray(trimap).save(base / "annotations" / "trimaps" / f"{name}.png")
        lines.append(f"{name} {1 + i % 2} {1 + i % 2} 1")
    half = n // 2
    (base / "annotations" / "trainval.txt").write_text("\n".join(lines[:half]) + "\n")
    (base / "annotations" / "test.txt").write_text("\n".join(lines[half:]) + "\n")


_WORDS = ("the king queen man woman boy girl prince princess father mother son daughter paris france "
          "rome italy berlin germany london england big bigger small smaller good better new york "
          "of and to in a is was he she it they said with for on").split()


def _sentences(rng: random.Random, n: int, length=(4, 12)) -> list[str]:
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(*length))) for _ in range(n)]


def tiny_shakespeare(root: Path) -> None:
    """DATA_DIR/tinyshakespeare/input.txt: plain text, speaker lines and verse."""
    rng = random.Random(0)
    base = root / "tinyshakespeare"
    base.mkdir(parents=True, exist_ok=True)
    blocks = [f"{rng.choice(['KING', 'QUEEN', 'FIRST CITIZEN'])}:\n{s.capitalize()}.\n" for s in _sentences(rng, 400)]
    (base / "input.txt").write_text("\n".join(blocks))


def text8(root: Path) -> None:
    """DATA_DIR/text8/text8.zip holding one file `text8` (lower-case words, one line), and the
    analogy questions DATA_DIR/text8/questions-words.txt (': section' headers, 4 words a line)."""
    rng = random.Random(0)
    base = root / "text8"
    base.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(base / "text8.zip", "w") as z:
        z.writestr("text8", " " + " ".join(_sentences(rng, 3000)))
    (base / "questions-words.txt").write_text(
        ": capital-common-countries\nparis france rome italy\nberlin germany paris france\n"
        ": family\nking queen man woman\nboy girl prince princess\nfather mother son daughter\n"
        ": gram2-opposite\nbig bigger small smaller\n")


def multi30k(root: Path) -> None:
    """DATA_DIR/multi30k/{train,val,test_2016_flickr}.{de,en}.gz: gzip text, one sentence a line,
    line i of .de translating line i of .en (the layout of the dataset's data/task1/raw folder)."""
    rng = random.Random(0)
    base = root / "multi30k"
    base.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", 300), ("val", 50), ("test_2016_flickr", 50)):
        english = _sentences(rng, n)
        german = [" ".join(reversed(s.split())) for s in english]  # any aligned pair will do
        for lang, lines in (("en", english), ("de", german)):
            with gzip.open(base / f"{split}.{lang}.gz", "wt", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


def wikitext103(root: Path) -> None:
    """DATA_DIR/wikitext-103-raw/wiki.{train,valid,test}.raw: the extracted raw (untokenised)
    WikiText-103 zip, articles under ' = Title = ' headings, blank lines between paragraphs."""
    rng = random.Random(0)
    base = root / "wikitext-103-raw"
    base.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", 60), ("valid", 8), ("test", 8)):
        articles = [f" = {rng.choice(_WORDS).capitalize()} {i} = \n \n"
                    + " \n".join(" " + ". ".join(_sentences(rng, 4)) + " . " for _ in range(3)) + " \n"
                    for i in range(n)]
        (base / f"wiki.{split}.raw").write_text(" \n" + "".join(articles), encoding="utf-8")


def sst2(root: Path) -> None:
    """DATA_DIR/SST-2/{train,dev,test}.tsv from GLUE's SST-2.zip: a 'sentence<TAB>label' header,
    then one lower-cased sentence and its 0/1 label a line (test.tsv has 'index<TAB>sentence')."""
    rng = random.Random(0)
    base = root / "SST-2"
    base.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", 200), ("dev", 40)):
        rows = [f"{s} {'good' if i % 2 else 'bad'} \t{i % 2}" for i, s in enumerate(_sentences(rng, n))]
        (base / f"{split}.tsv").write_text("sentence\tlabel\n" + "\n".join(rows) + "\n", encoding="utf-8")
    rows = [f"{i}\t{s}" for i, s in enumerate(_sentences(rng, 40))]
    (base / "test.tsv").write_text("index\tsentence\n" + "\n".join(rows) + "\n", encoding="utf-8")


def imdb(root: Path) -> None:
    """DATA_DIR/aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt and train/unsup/<id>_0.txt: the
    extracted aclImdb_v1.tar.gz, one review per file (with the dataset's '<br />' line breaks)."""
    rng = random.Random(0)
    base = root / "aclImdb"
    for split, folder, n in (("train", "pos", 30), ("train", "neg", 30), ("test", "pos", 15),
                             ("test", "neg", 15), ("train", "unsup", 30)):
        d = base / split / folder
        d.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            rating = {"pos": rng.randint(7, 10), "neg": rng.randint(1, 4), "unsup": 0}[folder]
            mood = {"pos": "great wonderful", "neg": "awful boring", "unsup": "fine"}[folder]
            text = "<br /><br />".join(f"{s.capitalize()} {mood}." for s in _sentences(rng, 3))
            (d / f"{i}_{rating}.txt").write_text(text, encoding="utf-8")


WRITERS = {
    "MNIST": lambda root: mnist_like(root, "MNIST"),
    "FashionMNIST": lambda root: mnist_like(root, "FashionMNIST", seed=1),
    "CIFAR-10": cifar10,
    "Oxford-IIIT Pet": oxford_pet,
    "Tiny Shakespeare": tiny_shakespeare,
    "text8": text8,
    "Multi30k": multi30k,
    "WikiText-103": wikitext103,
    "SST-2": sst2,
    "IMDB": imdb,
}


def write_all(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for write in WRITERS.values():
        write(root)
    return root
