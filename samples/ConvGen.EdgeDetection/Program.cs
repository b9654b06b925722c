using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using ConvGen.EdgeDetection;
using ConvGen.SampleSupport;
using StbImageSharp;
using StbImageWriteSharp;

// Sobel edge detection on a photograph with two constant-weight ConvGen layers.
// Usage: dotnet run --project samples/ConvGen.EdgeDetection [output-directory]
// (default output directory: docs/images of the repository).

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string inputPath = Path.Combine(AppContext.BaseDirectory, "camera.png");
byte[] gray = ReadGray(inputPath, out int width, out int height);
Console.WriteLine($"Input: camera.png, {width}×{height} 8-bit grayscale (scikit-image's \"camera\", CC0; see IMAGE-LICENSE.md)");
if (width != SobelX.InputWidth || height != SobelX.InputHeight)
{
    Console.Error.WriteLine($"The layers are generated for {SobelX.InputWidth}×{SobelX.InputHeight} images; this one is {width}×{height}.");
    return 1;
}

var image = new float[SobelX.InputLength];
for (int i = 0; i < image.Length; i++)
{
    image[i] = gray[i] / 255f;
}

var gx = new float[SobelX.OutputLength];
var gy = new float[SobelY.OutputLength];
SobelX.Forward(image, gx);
SobelY.Forward(image, gy);
Console.WriteLine($"Layers: [Conv2D(1, {height}, {width}, 1, 3, 3, Padding = 1, PaddingMode = Replicate, Weights = Sobel)] " +
                  $"→ {SobelX.OutputHeight}×{SobelX.OutputWidth} each");

// Self-check against a hand-written 3×3 sum with replicated borders (clamped indices), every pixel.
float maxDiff = 0;
for (int r = 0; r < height; r++)
{
    for (int c = 0; c < width; c++)
    {
        float P(int dr, int dc) => image[Math.Clamp(r + dr, 0, height - 1) * width + Math.Clamp(c + dc, 0, width - 1)];
        float x = -P(-1, -1) + P(-1, 1) - 2 * P(0, -1) + 2 * P(0, 1) - P(1, -1) + P(1, 1);
        float y = -P(-1, -1) - 2 * P(-1, 0) - P(-1, 1) + P(1, -1) + 2 * P(1, 0) + P(1, 1);
        maxDiff = Math.Max(maxDiff, Math.Max(Math.Abs(x - gx[r * width + c]), Math.Abs(y - gy[r * width + c])));
    }
}

int sr = 100, sc = 120; // one pixel on the camera's edge, written out
Console.WriteLine($"Check: gx[{sr},{sc}] = {gx[sr * width + sc]:0.####}, gy[{sr},{sc}] = {gy[sr * width + sc]:0.####}; " +
                  $"max |generated − hand-written 3×3 sum| over all pixels = {maxDiff:G3} ({(maxDiff < 1e-5f ? "ok" : "MISMATCH")})");

// Time per Forward: warm up (the JIT tiers up), then many runs.
double usX = TimePerCall(() => SobelX.Forward(image, gx));
double usY = TimePerCall(() => SobelY.Forward(image, gy));
#if DEBUG
const string build = "Debug build, unoptimized JIT: add -c Release for the real speed";
#else
const string build = "Release build";
#endif
Console.WriteLine($"Time per Forward ({build}): SobelX {usX:0.0} µs, SobelY {usY:0.0} µs " +
                  $"({width * height / usX:0} Mpixel/s for SobelX)");

// Gradient magnitude sqrt(gx² + gy²), scaled so the strongest edge is 255.
var magnitude = new float[gx.Length];
float max = 0;
for (int i = 0; i < magnitude.Length; i++)
{
    magnitude[i] = MathF.Sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
    max = Math.Max(max, magnitude[i]);
}

var pixels = new byte[magnitude.Length];
for (int i = 0; i < pixels.Length; i++)
{
    pixels[i] = (byte)MathF.Round(magnitude[i] / max * 255f);
}

string outDir = SamplePaths.OutputDirectory(args);
string inputCopy = Path.Combine(outDir, "edges-input.png");
string output = Path.Combine(outDir, "edges-magnitude.png");
WriteGray(inputCopy, gray, width, height);
WriteGray(output, pixels, SobelX.OutputWidth, SobelX.OutputHeight);

// The encoder and decoder agree: read the written magnitude back.
byte[] back = ReadGray(output, out int bw, out int bh);
bool roundTrip = bw == SobelX.OutputWidth && bh == SobelX.OutputHeight && back.AsSpan().SequenceEqual(pixels);
Console.WriteLine($"Wrote {SamplePaths.Display(inputCopy)} (the input) and {SamplePaths.Display(output)} " +
                  $"(gradient magnitude, max {max:0.###} → 255; PNG round trip {(roundTrip ? "ok" : "FAILED")})");
return maxDiff < 1e-5f && roundTrip ? 0 : 1;

// PNG through StbImageSharp (reading; colour images become gray) and StbImageWriteSharp (8-bit gray writing).
static byte[] ReadGray(string path, out int width, out int height)
{
    ImageResult image = ImageResult.FromMemory(File.ReadAllBytes(path), StbImageSharp.ColorComponents.Grey);
    (width, height) = (image.Width, image.Height);
    return image.Data;
}

static void WriteGray(string path, byte[] pixels, int width, int height)
{
    using FileStream file = File.Create(path);
    new ImageWriter().WritePng(pixels, width, height, StbImageWriteSharp.ColorComponents.Grey, file);
}

static double TimePerCall(Action forward)
{
    for (int i = 0; i < 300; i++)
    {
        forward();
    }

    // Calibrate to about 0.4 s, then take the best of three rounds.
    var sw = Stopwatch.StartNew();
    int n = 0;
    while (sw.ElapsedMilliseconds < 50)
    {
        forward();
        n++;
    }

    int runs = Math.Max(100, (int)(n * 8L));
    double best = double.MaxValue;
    for (int round = 0; round < 3; round++)
    {
        sw.Restart();
        for (int i = 0; i < runs; i++)
        {
            forward();
        }

        best = Math.Min(best, sw.Elapsed.TotalMicroseconds / runs);
    }

    return best;
}
