// A digits CNN trained in PyTorch on scikit-learn's load_digits (8×8 images), exported to ONNX and imported with one
// attribute. Training and export: tests/fixtures/make_onnx_models.py (Conv 3×3 1→8 + BatchNorm + ReLU, Conv 3×3 8→16 +
// BatchNorm + ReLU, MaxPool 2×2, Linear 256→10), which also wrote Models/digits-test.json: the 360 test images, their
// labels and PyTorch's logits. This program classifies them with the generated code, compares with PyTorch, and times it.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvGen;

using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "digits-test.json")));
var root = doc.RootElement;
var images = root.GetProperty("inputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetSingle())).ToArray();
var labels = root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
var torch = root.GetProperty("outputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetSingle())).ToArray();
var count = labels.Length;

var logits = new float[count * Digits.OutputLength];
Digits.Forward(images, logits); // all 360 images in one call: N samples back to back

static int Argmax(ReadOnlySpan<float> v)
{
    var best = 0;
    for (var k = 1; k < v.Length; k++)
        if (v[k] > v[best]) best = k;
    return best;
}


int correct = 0, samePrediction = 0;
float worst = 0;
for (var i = 0; i < count; i++)
{
    var mine = logits.AsSpan(i * 10, 10);
    var theirs = torch.AsSpan(i * 10, 10);
    correct += Argmax(mine) == labels[i] ? 1 : 0;
    samePrediction += Argmax(mine) == Argmax(theirs) ? 1 : 0;
    for (var k = 0; k < 10; k++) worst = Math.Max(worst, Math.Abs(mine[k] - theirs[k]));
}

// Time per image: one image per call, as an application classifying one drawing at a time would.
var one = new float[Digits.OutputLength];
for (var i = 0; i < 2_000; i++) Digits.Forward(images.AsSpan(i % count * Digits.InputLength, Digits.InputLength), one);
var best = double.MaxValue;
for (var round = 0; round < 5; round++)
{
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < 20_000; i++) Digits.Forward(images.AsSpan(i % count * Digits.InputLength, Digits.InputLength), one);
    best = Math.Min(best, watch.Elapsed.TotalMicroseconds / 20_000);
}

Console.WriteLine($"[OnnxModel(\"Models/digits.onnx\")]: input {Digits.InputLength} floats, output {Digits.OutputLength} logits, workspace {Digits.WorkspaceLength} floats");
Console.WriteLine($"accuracy on the test split: {correct}/{count} = {100.0 * correct / count:F2}%");
Console.WriteLine($"same class as PyTorch: {samePrediction}/{count}; largest logit difference from PyTorch: {worst:E2}");
Console.WriteLine($"time per image (one image per call, best of 5 rounds): {best:F2} µs");
if (samePrediction != count || worst > 1e-4) return 1;
return 0;

/// <summary>The trained network, generated from the ONNX file at build time.</summary>
[OnnxModel("Models/digits.onnx")]
public static partial class Digits;
