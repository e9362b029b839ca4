# Generates the two bundled illustration PNGs (simple flat icons) with only the stdlib.
import zlib, struct, math, sys
def png(path, w, h, pixel):
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw += bytes(pixel(x, y))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)
W=H=480
def ac(x, y):
    # A thermometer-like bar and a snowflake circle: "26 ℃"
    cx, cy = W/2, H/2
    d = math.hypot(x-cx, y-cy)
    if d < 200 and d > 180: return (92,214,138,255)
    if abs(x-cx) < 28 and 90 < y < 330: return (245,194,66,255)
    if math.hypot(x-cx, y-350) < 56: return (245,194,66,255)
    for k in range(6):
        a = k*math.pi/3
        px, py = cx + math.cos(a)*140, cy + math.sin(a)*140
        if math.hypot(x-px, y-py) < 18: return (191,217,207,255)
    return (0,0,0,0)
def travel(x, y):
    # A bicycle: two wheels and a frame
    for (wx, wy) in ((140, 300), (340, 300)):
        d = math.hypot(x-wx, y-wy)
        if 70 < d < 84: return (92,214,138,255)
    def seg(ax, ay, bx, by, t=10):
        vx, vy = bx-ax, by-ay; l = vx*vx+vy*vy
        u = max(0, min(1, ((x-ax)*vx+(y-ay)*vy)/l))
        return math.hypot(x-(ax+u*vx), y-(ay+u*vy)) < t
    if seg(140,300,230,300) or seg(230,300,300,200) or seg(300,200,340,300) or seg(140,300,200,200) or seg(200,200,300,200) or seg(200,200,190,170) or seg(300,200,310,160):
        return (255,255,255,255)
    return (0,0,0,0)
png(sys.argv[1] + '/air-conditioning.png', W, H, ac)
png(sys.argv[1] + '/green-travel.png', W, H, travel)
# The default content's poster (1280×720): the two illustrations side by side on the backdrop's
# green, a leaf-green band below; its words are the slot's caption, so they stay translatable.
PW, PH = 1280, 720
def poster(x, y):
    for (ox, oy, f) in ((170, 80, ac), (630, 80, travel)):
        if ox <= x < ox + W and oy <= y < oy + H:
            p = f(x - ox, y - oy)
            if p[3]: return p
    if 600 <= y < 612 and 96 <= x < PW - 96: return (92,214,138,255)
    t = y / PH
    return (int(11 + (6-11)*t), int(61 + (36-61)*t), int(46 + (28-46)*t), 255)
png(sys.argv[1] + '/energy-poster.png', PW, PH, poster)
