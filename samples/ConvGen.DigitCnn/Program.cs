using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.DigitCnn;
using ConvGen.SampleSupport;
using StbImageWriteSharp;

// A small CNN trained and run on ConvGen layers: synthetic 16×16 digits → conv 3×3 ×8 + LeakyReLU →
// conv 3×3 ×16 stride 2 + LeakyReLU → dense 1,024 → 10. Trained with the generated gradients, then compared
// with the same network written as plain loops. Shows each epoch as it trains, then writes the training curve
// (digits-training.svg) and test digits with their predictions (cnn-digits.png).
// Usage: dotnet run --project samples/ConvGen.DigitCnn [output-directory]
// (default output directory: docs/images of the repository).

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
#if DEBUG
const string build = "Debug build (dotnet run's default; the JIT does not optimize it: add -c Release for the real speed)";
#else
const string build = "Release build";
#endif
var total = Stopwatch.StartNew();
Console.WriteLine($"ConvGen digit CNN, {build}");
Console.WriteLine($"  Conv1 [Conv2D(1, 16, 16, 8, 3, 3, Padding = 1, Bias = true, Activation = LeakyRelu, ActivationAlpha = 0.1)] → {Conv1.OutputChannels}×{Conv1.OutputHeight}×{Conv1.OutputWidth}");
Console.WriteLine($"  Pool1 [MaxPool2D(Conv1.OutputChannels, Conv1.OutputHeight, Conv1.OutputWidth, 2, 2)]                  → {Pool1.OutputChannels}×{Pool1.OutputHeight}×{Pool1.OutputWidth}");
Console.WriteLine($"  Conv2 [Conv2D(Pool1.OutputChannels, …, 16, 3, 3, Padding = 1, Bias = true, Activation = LeakyRelu, …)]   → {Conv2.OutputChannels}×{Conv2.OutputHeight}×{Conv2.OutputWidth}");
Console.WriteLine($"  Pool2 [MaxPool2D(Conv2.OutputChannels, Conv2.OutputHeight, Conv2.OutputWidth, 2, 2)]                  → {Pool2.OutputChannels}×{Pool2.OutputHeight}×{Pool2.OutputWidth}");
Console.WriteLine($"  Dense [Linear(Pool2.OutputLength, 10, Bias = true)]                                                 → {Dense.OutputLength} logits");
int parameters = Conv1.WeightsLength + Conv1.BiasLength + Conv2.WeightsLength + Conv2.BiasLength + Dense.WeightsLength + Dense.BiasLength;
Console.WriteLine($"  {parameters:N0} parameters");

const int trainCount = 6000, testCount = 2000, batch = 32, epochs = 3;
var sw = Stopwatch.StartNew();
Digits.Generate(trainCount, seed: 1, out float[] trainImages, out int[] trainLabels);
Digits.Generate(testCount, seed: 2, out float[] testImages, out int[] testLabels);
Console.WriteLine($"Synthesized {trainCount:N0} training and {testCount:N0} test digits (16×16, 5×7 font strokes with random size, slant, shift, thickness, ink and noise) in {sw.Elapsed.TotalSeconds:0.0} s");

// Inference on the held-out set, in batches of 100 through the generated layers (after each epoch, and at the end).
const int inferBatch = 100;
var net = new Network(seed: 3);
var activations = new Network.Activations(inferBatch);
var logits = new float[testCount * Network.Classes];
void InferAll()
{
    for (int start = 0; start < testCount; start += inferBatch)
    {
        net.Forward(testImages.AsSpan(start * Conv1.InputLength, inferBatch * Conv1.InputLength), activations,
            logits.AsSpan(start * Network.Classes, inferBatch * Network.Classes));
    }
}

var predicted = new int[testCount];
int TestCorrect()
{
    InferAll();
    int right = 0;
    for (int i = 0; i < testCount; i++)
    {
        predicted[i] = ArgMax(logits.AsSpan(i * Network.Classes, Network.Classes));
        right += predicted[i] == testLabels[i] ? 1 : 0;
    }

    return right;
}

// Training: SGD with momentum, mini-batches of 32, a fixed schedule (fixed seeds: the same result every run).
// Progress per epoch: a live table in a terminal, a plain line per epoch in a log (TrainingProgress.cs).
var trainer = new Network.Trainer(net, batch, learningRate: 0.03f, momentum: 0.9f);
var order = Enumerable.Range(0, trainCount).ToArray();
var shuffle = new Random(4);
var xb = new float[batch * Conv1.InputLength];
var yb = new int[batch];
const int steps = trainCount / batch, batchesPerPoint = 17; // 187 steps per epoch: 11 points of the training curve
var curve = new List<TrainingChart.Point>();
double initialTestAccuracy = 100.0 * TestCorrect() / testCount;
var stepTime = new Stopwatch(); // the steps alone, without the test passes
List<EpochResult> history = TrainingProgress.Run(epochs, steps, (epoch, reportStep) =>
{
    shuffle.Shuffle(order);
    trainer.LearningRate = epoch == epochs ? 0.01f : 0.03f;
    double loss = 0, pointLoss = 0;
    int right = 0, pointRight = 0;
    for (int s = 0; s < steps; s++)
    {
        for (int n = 0; n < batch; n++)
        {
            int i = order[s * batch + n];
            trainImages.AsSpan(i * Conv1.InputLength, Conv1.InputLength).CopyTo(xb.AsSpan(n * Conv1.InputLength));
            yb[n] = trainLabels[i];
        }

        stepTime.Start();
        float stepLoss = trainer.Step(xb, yb, out int stepRight);
        stepTime.Stop();
        (loss, right, pointLoss, pointRight) = (loss + stepLoss, right + stepRight, pointLoss + stepLoss, pointRight + stepRight);
        if ((s + 1) % batchesPerPoint == 0)
        {
            curve.Add(new(epoch - 1 + (s + 1.0) / steps, pointLoss / batchesPerPoint, 100.0 * pointRight / (batchesPerPoint * batch)));
            (pointLoss, pointRight) = (0, 0);
        }

        reportStep(s + 1, loss / (s + 1));
    }

    return new EpochResult(epoch, loss / steps, 100.0 * right / (steps * batch), 100.0 * TestCorrect() / testCount, 0);
});

double trainSeconds = stepTime.Elapsed.TotalSeconds;
Console.WriteLine($"Trained {epochs} epochs ({epochs * steps:N0} steps of {batch}) in {trainSeconds:0.0} s " +
                  $"({trainSeconds * 1e6 / (epochs * steps * batch):0} µs per image, forward + backward; " +
                  $"{history[^1].Seconds:0.0} s with a test pass after each epoch)");

// The training curve, drawn at the end of training.
string outDir = SamplePaths.OutputDirectory(args);
string chart = Path.Combine(outDir, "digits-training.svg");
TrainingChart.Write(chart,
    $"{trainCount:N0} synthetic 16×16 digits, SGD with momentum 0.9, batches of {batch}, learning rate 0.03 (0.01 in the last epoch)",
    batchesPerPoint, curve, initialTestAccuracy, history);
Console.WriteLine($"Wrote {SamplePaths.Display(chart)} (loss and accuracy per epoch)");

int correct = TestCorrect();
Console.WriteLine($"Test accuracy: {correct}/{testCount} = {100.0 * correct / testCount:0.00}%");

// Speed: the generated layers in batches of 100 against the plain-loop network, one image at a time.
InferAll(); // warm-up
sw.Restart();
int rounds = 0;
while (sw.Elapsed.TotalSeconds < 1.0 || rounds < 2)
{
    InferAll();
    rounds++;
}

double generatedUs = sw.Elapsed.TotalMicroseconds / (rounds * testCount);
var scratch = new Reference.Scratch();
var referenceLogits = new float[testCount * Network.Classes];
void ReferenceAll()
{
    for (int i = 0; i < testCount; i++)
    {
        Reference.Forward(net, testImages.AsSpan(i * Conv1.InputLength, Conv1.InputLength), scratch,
            referenceLogits.AsSpan(i * Network.Classes, Network.Classes));
    }
}

ReferenceAll(); // warm-up, and the results to compare
sw.Restart();
ReferenceAll();
double referenceUs = sw.Elapsed.TotalMicroseconds / testCount;
float maxDiff = 0, maxLogit = 0;
for (int i = 0; i < logits.Length; i++)
{
    maxDiff = Math.Max(maxDiff, Math.Abs(logits[i] - referenceLogits[i]));
    maxLogit = Math.Max(maxLogit, Math.Abs(referenceLogits[i]));
}

Console.WriteLine($"Inference per image: ConvGen {generatedUs:0.0} µs (batches of {inferBatch}), plain loops {referenceUs:0.0} µs " +
                  $"({referenceUs / generatedUs:0.0}× faster)");
Console.WriteLine($"Same results: max |ConvGen − plain loops| over all {logits.Length:N0} logits = {maxDiff:G2} " +
                  $"(logits up to {maxLogit:0.0}) {(maxDiff <= 1e-4f * Math.Max(1f, maxLogit) ? "ok" : "MISMATCH")}");

// A few test digits as ASCII art, the misclassified ones first.
var show = Enumerable.Range(0, testCount).Where(i => predicted[i] != testLabels[i]).Take(3)
    .Concat(Enumerable.Range(0, testCount).Where(i => predicted[i] == testLabels[i])).Take(8).ToArray();
Console.WriteLine();
Console.WriteLine(string.Join("  ", show.Select(i => $"pred {predicted[i]} true {testLabels[i]}{(predicted[i] == testLabels[i] ? "  " : " ✗")}".PadRight(16))));
const string ramp = " .:-=+*#%@";
for (int y = 0; y < Digits.Size; y++)
{
    var line = new StringBuilder();
    foreach (int i in show)
    {
        for (int x = 0; x < Digits.Size; x++)
        {
            float v = testImages[i * Conv1.InputLength + y * Digits.Size + x];
            line.Append(ramp[Math.Clamp((int)((v - 0.25f) / 0.75f * ramp.Length), 0, ramp.Length - 1)]); // faint noise as blank
        }

        line.Append("  ");
    }

    Console.WriteLine(line.ToString().TrimEnd());
}

// A picture: 40 test digits ×4, each with the predicted digit under it (green: right, red: wrong).
string picture = Path.Combine(outDir, "cnn-digits.png");
var tiles = show.Take(3).Where(i => predicted[i] != testLabels[i]).Concat(Enumerable.Range(0, testCount)).Distinct().Take(40).ToArray();
WritePicture(picture, tiles, testImages, predicted, testLabels);
Console.WriteLine();
Console.WriteLine($"Wrote {SamplePaths.Display(picture)} ({tiles.Length} test digits with their predictions)");
Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0.0} s");
return maxDiff <= 1e-4f * Math.Max(1f, maxLogit) ? 0 : 1;

static int ArgMax(ReadOnlySpan<float> v)
{
    int best = 0;
    for (int k = 1; k < v.Length; k++)
    {
        if (v[k] > v[best])
        {
            best = k;
        }
    }

    return best;
}

static void WritePicture(string path, int[] tiles, float[] images, int[] predicted, int[] labels)
{
    const int scale = 4, columns = 10, pad = 6, glyphScale = 3;
    int tileW = Digits.Size * scale, tileH = Digits.Size * scale + 7 * glyphScale + 6;
    int rows = (tiles.Length + columns - 1) / columns;
    int width = columns * (tileW + pad) + pad, height = rows * (tileH + pad) + pad;
    var rgb = new byte[width * height * 3];
    rgb.AsSpan().Fill(255);
    void Set(int x, int y, byte r, byte g, byte b)
    {
        int o = (y * width + x) * 3;
        (rgb[o], rgb[o + 1], rgb[o + 2]) = (r, g, b);
    }

    for (int t = 0; t < tiles.Length; t++)
    {
        int i = tiles[t];
        int x0 = pad + (t % columns) * (tileW + pad), y0 = pad + (t / columns) * (tileH + pad);
        for (int y = 0; y < Digits.Size * scale; y++)
        {
            for (int x = 0; x < Digits.Size * scale; x++)
            {
                // white ink on black, as the network sees it
                byte v = (byte)Math.Round(images[i * Digits.Size * Digits.Size + (y / scale) * Digits.Size + x / scale] * 255);
                Set(x0 + x, y0 + y, v, v, v);
            }
        }

        bool right = predicted[i] == labels[i];
        (byte r, byte g, byte b) = right ? ((byte)0, (byte)140, (byte)60) : ((byte)210, (byte)30, (byte)30);
        string[] glyph = Digits.Font[predicted[i]];
        int gx0 = x0 + (tileW - 5 * glyphScale) / 2, gy0 = y0 + Digits.Size * scale + 4;
        for (int gy = 0; gy < 7 * glyphScale; gy++)
        {
            for (int gx = 0; gx < 5 * glyphScale; gx++)
            {
                if (glyph[gy / glyphScale][gx / glyphScale] == '1')
                {
                    Set(gx0 + gx, gy0 + gy, r, g, b);
                }
            }
        }
    }

    using FileStream file = File.Create(path);
    new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, file);
}
