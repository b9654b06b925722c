#!/usr/bin/env python3
# Development-time reference for .ci/package-test: prints the text the package test's consumer program must
# print, computed independently with PyTorch in float64 (conv2d / conv_transpose2d, F.pad for reflect padding,
# Transpose and WeightsGradient by autograd, M column by column from unit inputs). The layers and the data
# formula mirror the consumer's Layers.cs and Program.cs; after changing those, regenerate the expected text:
#   /usr/bin/python3 .ci/package-test-reference.py     (needs torch; Debian: apt-get install python3-torch)
# and paste it into .ci/package-test. CI does not run this (its machine has only the .NET SDK).
import torch, torch.nn.functional as F
torch.set_default_dtype(torch.float64)

def data(n, seed):
    return torch.tensor([float((i * 37 + seed * 101) % 97 % 5 - 2) for i in range(n)])

def num(v):
    v = float(v) + 0.0
    return str(int(v)) if v == int(v) else repr(v)

def show(name, t):
    v = t.detach().reshape(-1)
    if v.numel() <= 16:
        print(name + ": " + " ".join(num(a) for a in v)); return
    idx = torch.arange(v.numel())
    w = (idx % 13 + 1).to(torch.float64)
    print(f"{name}: n={v.numel()} sum={num(v.sum())} abs={num(v.abs().sum())} weighted={num((w * v).sum())}")

class Layer:
    def __init__(s, c, h, w, d, p, q, transposed=False, stride=1, padding=0, dilation=1, groups=1, mode='zeros', bias=False, relu=False, weights=None):
        s.c, s.h, s.w, s.d, s.p, s.q = c, h, w, d, p, q
        s.tr, s.stride, s.pad, s.dil, s.groups, s.mode, s.bias, s.relu = transposed, stride, padding, dilation, groups, mode, bias, relu
        s.wshape = (c, d // groups, p, q) if transposed else (d, c // groups, p, q)
        s.wlen = c * d // groups * p * q
        s.inlen = c * h * w
        s.fixed = None if weights is None else torch.tensor(weights, dtype=torch.float64).reshape(s.wshape)
        s.outshape = s.lin(torch.zeros(1, c, h, w), torch.zeros(s.wshape)).shape[1:]
        s.outlen = s.outshape.numel()
    def lin(s, x, w):
        if s.tr:
            return F.conv_transpose2d(x, w, None, s.stride, s.pad, 0, s.groups, s.dil)
        if s.mode != 'zeros':
            x = F.pad(x, (s.pad,) * 4, mode=s.mode)
            return F.conv2d(x, w, None, s.stride, 0, s.dil, s.groups)
        return F.conv2d(x, w, None, s.stride, s.pad, s.dil, s.groups)
    def W(s, w): return s.fixed if w is None else w.reshape(s.wshape)
    def forward(s, x, w=None, b=None):
        y = s.lin(x.reshape(-1, s.c, s.h, s.w), s.W(w))
        if b is not None: y = y + b.reshape(1, -1, 1, 1)
        if s.relu: y = torch.relu(y)
        return y.reshape(-1)
    def transpose(s, g, w=None):
        n = g.numel() // s.outlen
        x = torch.zeros(n, s.c, s.h, s.w, requires_grad=True)
        (s.lin(x, s.W(w)) * g.reshape(n, *s.outshape)).sum().backward()
        return x.grad.reshape(-1)
    def wgrad(s, x, g):
        n = x.numel() // s.inlen
        w = torch.zeros(s.wshape, requires_grad=True)
        (s.lin(x.reshape(n, s.c, s.h, s.w), w) * g.reshape(n, *s.outshape)).sum().backward()
        return w.grad.reshape(-1)
    def bgrad(s, g):
        return g.reshape(-1, *s.outshape).sum(dim=(0, 2, 3))
    def matrix(s, w=None):
        eye = torch.eye(s.inlen).reshape(s.inlen, s.c, s.h, s.w)
        return s.lin(eye, s.W(w)).reshape(s.inlen, s.outlen).T.reshape(-1)

sobel = [1, 0, -1, 2, 0, -2, 1, 0, -1]
L = Layer(1, 4, 4, 1, 3, 3, weights=sobel)
image = torch.tensor([1., 0, -1, 1, 1, 2, -2, 0, 1, 1, -1, 1, 0, 1, 1, 0])
edges = L.forward(image)
show("SobelX.Forward", edges)
show("SobelX.Transpose", L.transpose(edges))
show("SobelX.ToMatrix", L.matrix())
print("SobelX.Forward(15 elements): ArgumentException input")

L = Layer(1, 64, 64, 1, 3, 3, padding=1, weights=sobel)
show("SobelImage.Forward", L.forward(data(L.inlen, 1)))
show("SobelImage.Transpose", L.transpose(data(L.outlen, 4)))

def full(name, L, batch=1, bias=False, matrix=False, wgrad=True):
    x, w, g = data(batch * L.inlen, 1), data(L.wlen, 2), data(batch * L.outlen, 4)
    b = data(L.d, 3) if bias else None
    show(name + ".Forward", L.forward(x, w, b))
    show(name + ".Transpose", L.transpose(g, w))
    if wgrad: show(name + ".WeightsGradient", L.wgrad(x, g))
    if bias: show(name + ".BiasGradient", L.bgrad(g))
    if matrix: show(name + ".ToMatrix", L.matrix(w))

full("SeedWithBias", Layer(1, 3, 3, 2, 2, 2, bias=True), batch=2, bias=True, matrix=True)

L = Layer(1, 2, 2, 1, 4, 4, transposed=True, stride=2, padding=1)
taps = [0.25, 0.75, 0.75, 0.25]
bil = torch.tensor([a * b for a in taps for b in taps])
up = L.forward(torch.tensor([1., 2, 3, 4]), bil)
show("Upsample2x.Forward", up)
show("Upsample2x.Transpose", L.transpose(up, bil))

full("Stem", Layer(8, 32, 32, 16, 3, 3, padding=1, bias=True, relu=True), bias=True)
full("NarrowRows", Layer(16, 5, 5, 16, 3, 3))
full("DepthwiseReflect", Layer(8, 16, 16, 8, 3, 3, padding=1, groups=8, mode='reflect'))
full("Decoder", Layer(16, 8, 8, 8, 4, 4, transposed=True, stride=2, padding=1, bias=True), bias=True)
full("SmallDouble", Layer(2, 6, 6, 3, 3, 3, stride=2, padding=1), matrix=True)
full("DilatedDouble", Layer(4, 16, 16, 8, 3, 3, dilation=2, bias=True), bias=True)
full("FullyUnrolled", Layer(2, 8, 8, 2, 3, 3), wgrad=False)
