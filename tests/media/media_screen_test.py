#!/usr/bin/env python3
"""Posters and PDF notices through the real program: a poster made by ffmpeg and a PDF with
Chinese text (a presentation made with LibreOffice, converted by `ecolobby bundle build`) render
headless at the right aspect, the text's strokes present; bad files are one line each in
`ecolobby check` (file:line) and on the screen, whose rotation goes on; bundle build says
plainly when LibreOffice is missing."""
import json, os, shutil, subprocess, sys, tempfile

binary = os.path.abspath(sys.argv[1])

FODP = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:automatic-styles><style:style style:name="T" style:family="text"><style:text-properties fo:font-size="96pt" fo:color="#000000" style:font-name-asian="Noto Sans CJK SC" style:font-size-asian="96pt"/></style:style></office:automatic-styles>
<office:body><office:presentation>
<draw:page draw:name="p1"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="26cm" svg:height="5cm"><draw:text-box><text:p><text:span text:style-name="T">节能宣传周通知</text:span></text:p></draw:text-box></draw:frame></draw:page>
<draw:page draw:name="p2"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="26cm" svg:height="5cm"><draw:text-box><text:p><text:span text:style-name="T">第二页</text:span></text:p></draw:text-box></draw:frame></draw:page>
</office:presentation></office:body></office:document>
"""


def soffice(tmp, convert_to, src, outdir):
    p = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to", convert_to,
                        "--outdir", outdir, src], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr


def pixels(png):
    """(width, height, rgb bytes) of a PNG, decoded by ffmpeg."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream=width,height", "-of", "csv=p=0", png],
                           capture_output=True, text=True, check=True).stdout.strip().split(",")
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", png, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    return int(probe[0]), int(probe[1]), raw


def rgb(img, x, y):
    w, _, raw = img
    i = (y * w + x) * 3
    return tuple(raw[i:i + 3])


def black_share(img):
    """Pixels a viewer would call black (the backdrop's dark green is not)."""
    n = black = 0
    for y in range(0, 1080, 4):
        for x in range(0, 1920, 4):
            n += 1
            black += sum(rgb(img, x, y)) < 30
    return black / n


def dark_share(img, x0, y0, x1, y1):
    n = dark = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            n += 1
            dark += sum(rgb(img, x, y)) < 200
    return dark / n


def run_screen(tmp, content, name, frames=3, step_ms=1000, extra=()):
    with open(f"{tmp}/k.toml", "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{content}"\nplugins_dir = "{tmp}/plugins"\n')
    shot = f"{tmp}/{name}.png"
    p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", str(frames), "--frame-step-ms", str(step_ms),
                        "--size", "1920x1080", "--now", "2026-06-24T10:00:00+08:00", "--screenshot", shot, *extra],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    return pixels(shot), p.stderr


with tempfile.TemporaryDirectory() as tmp:
    os.makedirs(f"{tmp}/plugins")
    src = f"{tmp}/src"
    os.makedirs(src)
    # A 4:3 red poster; contained in 16:9 on blue, the bands are 240 px each side.
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=1600x1200", "-frames:v", "1", f"{src}/poster.png"], check=True)
    # A 6000 px photo: decoded at the screen's size, not 6000 px.
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=s=6000x4000", "-frames:v", "1", f"{src}/photo.jpg"], check=True)
    with open(f"{src}/schedule.toml", "w") as f:
        f.write('[[slot]]\nscene = "poster"\nfile = "poster.png"\nfill = "#0000FF"\nduration_s = 30\n')
    img, _ = run_screen(tmp, src, "poster")
    assert img[0] == 1920 and img[1] == 1080
    assert rgb(img, 960, 540)[0] > 240 and rgb(img, 960, 540)[2] < 20, rgb(img, 960, 540)
    assert rgb(img, 245, 540)[0] > 240, rgb(img, 245, 540)  # just inside the picture's left edge
    assert rgb(img, 230, 540)[2] > 240 and rgb(img, 230, 540)[0] < 20, rgb(img, 230, 540)  # the fill band
    assert rgb(img, 1690, 540)[2] > 240, rgb(img, 1690, 540)
    with open(f"{src}/schedule.toml", "w") as f:
        f.write('[[slot]]\nscene = "poster"\nfile = "photo.jpg"\nfit = "cover"\nduration_s = 30\n')
    img, _ = run_screen(tmp, src, "photo")
    assert dark_share(img, 0, 0, 1920, 1080) < 0.9, "the photo shows, not a black frame"

    # A presentation, as an officer gets it (.pptx), and a password-protected PDF.
    with open(f"{tmp}/notice.fodp", "w") as f:
        f.write(FODP)
    soffice(tmp, "pptx", f"{tmp}/notice.fodp", src)
    os.makedirs(f"{tmp}/enc")
    soffice(tmp, 'pdf:impress_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                 '"DocumentOpenPassword":{"type":"string","value":"secret"}}', f"{tmp}/notice.fodp", f"{tmp}/enc")
    with open(f"{src}/schedule.toml", "w") as f:
        f.write('[[slot]]\nscene = "pdf"\nfile = "notice.pptx"\npage_s = 20\nfill = "#202020"\n')
    keys = f"{tmp}/keys"
    subprocess.run([binary, "bundle", "keygen", "--out", keys], check=True, capture_output=True)
    build = [binary, "--config", f"{tmp}/k.toml", "bundle", "build", src, "--key", f"{keys}/bundle.key", "--version", "1", "--out", f"{tmp}/b.tar.zst"]
    # Without LibreOffice on the PATH: one plain line, a non-zero exit.
    env = dict(os.environ, PATH="/nonexistent")
    p = subprocess.run(build, capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode != 0
    assert "schedule.toml:3" in p.stderr and "not installed" in p.stderr, p.stderr
    p = subprocess.run(build, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "converted notice.pptx to notice.pdf" in p.stdout, p.stdout
    assert os.path.getsize(f"{src}/notice.pdf") > 0
    listing = subprocess.run(["tar", "--zstd", "-tf", f"{tmp}/b.tar.zst"], capture_output=True, text=True, check=True).stdout
    assert "notice.pdf" in listing.split(), listing

    # The PDF page on screen: 16:9 slides fill the canvas; the Chinese title's strokes are dark
    # pixels where the text is, the rest of the page white paper.
    img, _ = run_screen(tmp, src, "pdf")
    title = dark_share(img, 70, 70, 1700, 300)
    assert 0.03 < title < 0.6, f"title region dark share {title}"
    assert dark_share(img, 100, 700, 1800, 1000) < 0.001, "the rest of the page is paper"
    assert rgb(img, 960, 900)[0] > 240

    # Bad files: each one line with its file:line in check; on the screen skipped, the slide shows.
    bad = f"{tmp}/bad"
    os.makedirs(bad)
    shutil.copy(f"{src}/notice.pdf", f"{bad}/notice.pdf")
    shutil.copy(f"{tmp}/enc/notice.pdf", f"{bad}/locked.pdf")
    png = open(f"{src}/poster.png", "rb").read()
    open(f"{bad}/empty.png", "wb").close()
    open(f"{bad}/truncated.png", "wb").write(png[:len(png) // 2])
    open(f"{bad}/corrupt.jpg", "wb").write(b"\xff\xd8" + os.urandom(3000))
    huge = bytearray(png[:33])
    huge[16:24] = (16000).to_bytes(4, "big") * 2
    open(f"{bad}/huge.png", "wb").write(bytes(huge))
    open(f"{bad}/cut.pdf", "wb").write(open(f"{src}/notice.pdf", "rb").read()[:300])
    slots = [("poster", "missing.png"), ("poster", "empty.png"), ("poster", "truncated.png"), ("poster", "corrupt.jpg"),
             ("poster", "huge.png"), ("pdf", "locked.pdf"), ("pdf", "cut.pdf"), ("pdf", "zero.pdf")]
    open(f"{bad}/zero.pdf", "wb").close()
    with open(f"{bad}/schedule.toml", "w") as f:
        line = 1
        lines = {}
        for scene, name in slots:
            f.write(f'[[slot]]\nscene = "{scene}"\nfile = "{name}"\nduration_s = 5\n')
            lines[name] = line + 2
            line += 4
        f.write('[[slot]]\nscene = "pdf"\nfile = "notice.pdf"\npages = "1,7"\n')
        lines["pages"] = line + 3
        line += 4
        f.write('[[slot]]\nscene = "slide"\ntitle = "幻灯片还在"\nduration_s = 5\n')
    p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "check", bad], capture_output=True, text=True, timeout=300)
    assert p.returncode != 0
    out = p.stdout + p.stderr
    for name in [n for _, n in slots]:
        hits = [l for l in out.splitlines() if f"schedule.toml:{lines[name]}:" in l and name in l]
        assert len(hits) == 1, f"{name}: {hits}\n{out}"
    assert "password" in out and "16000x16000" in out, out
    assert any(f"schedule.toml:{lines['pages']}:" in l and "page 7" in l for l in out.splitlines()), out
    # The screen: every bad slot skipped with a line naming its file; the rotation reaches the slide.
    trace = f"{tmp}/bad-trace.jsonl"
    img, err = run_screen(tmp, bad, "bad", frames=40, step_ms=1000, extra=("--trace", trace))
    for name in [n for _, n in slots]:
        assert sum(name in l for l in err.splitlines()) >= 1, f"{name} not logged:\n{err[-3000:]}"
    scenes = [json.loads(l).get("name", "") for l in open(trace, encoding="utf-8") if '"scene"' in l]
    assert any(n.startswith("slide") for n in scenes), f"the rotation never reached the slide: {scenes}"
    assert black_share(img) < 0.5, "never a black screen"
print("ok")
