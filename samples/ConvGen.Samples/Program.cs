using System;
using System.Globalization;
using System.Linq;
using System.Text;
using ConvGen.Samples;

// A walk through the two seed documents with the code ConvGen generates for them.
// Every number below is computed by the generated code; nothing is copied from the seeds.

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Section("1. The matrix form: x is 1×3×3, K is 2×1×2×2 (a..h = 1..8)");
float[] x1 = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
float[] k1 = { 1, 2, 3, 4, 5, 6, 7, 8 };
var m1 = new float[SeedExample.OutputLength * SeedExample.InputLength];
SeedExample.ToMatrix(k1, m1);
var y1 = new float[SeedExample.OutputLength];
SeedExample.Forward(x1, k1, y1);
Console.WriteLine("x' (flattened, | every W = 3 elements):");
Console.WriteLine("  " + Row(x1, SeedExample.InputWidth));
Console.WriteLine($"M = ToMatrix(K), {SeedExample.OutputLength}×{SeedExample.InputLength}:");
PrintMatrix(m1, SeedExample.OutputLength, SeedExample.InputLength, SeedExample.InputWidth);
Console.WriteLine("y' = M·x' = Forward(x, K):");
Console.WriteLine("  " + Row(y1, SeedExample.OutputLength));
Console.WriteLine("Check by hand: y'[0] = 1a+2b+4c+5d = 1+4+12+20 = 37, y'[4] = 1e+2f+4g+5h = 5+12+28+40 = 85.");
Console.WriteLine($"y reshaped to D×H'×W' = {SeedExample.OutputChannels}×{SeedExample.OutputHeight}×{SeedExample.OutputWidth}:");
PrintTensor(y1, SeedExample.OutputChannels, SeedExample.OutputHeight, SeedExample.OutputWidth);

Section("2. Sobel x over a 4×4 input, as cross-correlation (no kernel flip)");
float[] image = { 1, 0, -1, 1, 1, 2, -2, 0, 1, 1, -1, 1, 0, 1, 1, 0 };
Console.WriteLine("input (4×4):");
PrintTensor(image, 1, 4, 4);
var sobel = new float[SobelX.OutputLength * SobelX.InputLength];
SobelX.ToMatrix(sobel);
Console.WriteLine($"k̂ = ToMatrix(), {SobelX.OutputLength}×{SobelX.InputLength}:");
PrintMatrix(sobel, SobelX.OutputLength, SobelX.InputLength, SobelX.InputWidth);
var ySobel = new float[SobelX.OutputLength];
SobelX.Forward(image, ySobel);
Console.WriteLine("k̂·input = Forward(input):");
Console.WriteLine("  " + Row(ySobel, SobelX.OutputLength));
Console.WriteLine("(The seed prints 122, 148, 126, 134 here; those numbers do not follow from its input and kernel.)");

Section("3. The same kernel as a true convolution (Flip = true)");
var flipped = new float[SobelXConvolution.OutputLength * SobelXConvolution.InputLength];
SobelXConvolution.ToMatrix(flipped);
Console.WriteLine("The kernel mirrored in both axes is [[-1 0 1] [-2 0 2] [-1 0 1]] (the seed shows a rotated kernel instead).");
Console.WriteLine("M of the convolution:");
PrintMatrix(flipped, SobelXConvolution.OutputLength, SobelXConvolution.InputLength, SobelXConvolution.InputWidth);
var yConv = new float[SobelXConvolution.OutputLength];
SobelXConvolution.Forward(image, yConv);
Console.WriteLine("input * k (true convolution):");
Console.WriteLine("  " + Row(yConv, SobelXConvolution.OutputLength));

Section("4. Transposed convolution: upsampling 2×2 → 4×4 with Mᵀ");
var up = new float[SobelX.InputLength];
SobelX.Transpose(ySobel, up);
Console.WriteLine("SobelX.Transpose(y) = Mᵀ·y, the adjoint of the 4×4 → 2×2 layer, maps the 2×2 result back to 4×4:");
PrintTensor(up, 1, 4, 4);
var up2 = new float[SobelXUpsample.OutputLength];
SobelXUpsample.Forward(ySobel, up2);
Console.WriteLine("[ConvTranspose2D(1, 2, 2, 1, 3, 3)] with the same weights computes the very same map as its Forward:");
PrintTensor(up2, 1, 4, 4);
float[] small = { 1, 2, 3, 4 };
float[] taps = { 0.25f, 0.75f, 0.75f, 0.25f };
var bilinear = taps.SelectMany(a => taps.Select(b => a * b)).ToArray(); // the 4×4 bilinear kernel
var doubled = new float[Upsample2x.OutputLength];
Upsample2x.Forward(small, bilinear, doubled);
Console.WriteLine("Stride 2, 4×4 bilinear kernel, padding 1 (a decoder's 2× upsampling) of [[1 2] [3 4]]:");
PrintTensor(doubled, 1, Upsample2x.OutputHeight, Upsample2x.OutputWidth);

Section("5. A trained network from an ONNX file: [OnnxModel(\"digits.onnx\")]");
// Two 8×8 test images of scikit-learn's load_digits (grey levels 0..16), labelled 2 and 8; the model scales them to [0, 1].
byte[][] images =
{
    new byte[] { 0, 0, 11, 16, 15, 3, 0, 0, 0, 5, 16, 12, 11, 13, 0, 0, 0, 3, 13, 1, 5, 15, 0, 0, 0, 0, 0, 0, 12, 11, 0, 0, 0, 0, 0, 1, 16, 7, 0, 0, 0, 0, 0, 10, 15, 0, 0, 0, 0, 0, 12, 16, 16, 11, 1, 0, 0, 0, 13, 13, 8, 13, 16, 8 },
    new byte[] { 0, 1, 15, 14, 2, 0, 0, 0, 0, 6, 14, 0, 0, 3, 2, 0, 0, 2, 16, 3, 2, 13, 3, 0, 0, 0, 11, 14, 15, 9, 0, 0, 0, 0, 7, 16, 11, 0, 0, 0, 0, 0, 15, 13, 14, 0, 0, 0, 0, 2, 15, 4, 16, 3, 0, 0, 0, 1, 15, 16, 12, 1, 0, 0 },
};
var pixels = images.SelectMany(image => image.Select(v => v / 16f)).ToArray();
var logits = new float[images.Length * DigitsCnn.OutputLength];
DigitsCnn.Forward(pixels, logits); // both images in one call
Console.WriteLine($"A CNN trained in PyTorch ({DigitsCnn.InputLength} inputs, {DigitsCnn.OutputLength} logits, workspace {DigitsCnn.WorkspaceLength} floats), weights compiled in:");
for (var i = 0; i < images.Length; i++)
{
    var scores = logits.AsSpan(i * 10, 10).ToArray();
    Console.WriteLine($"  image {i + 1} (labelled {(i == 0 ? 2 : 8)}) is classified as {Array.IndexOf(scores, scores.Max())}");
}

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine(new string('-', title.Length));
}

static string Num(float v) => v.ToString("0.####", CultureInfo.InvariantCulture);

static string Row(float[] values, int group) =>
    string.Join(" | ", values.Chunk(group).Select(c => string.Join(" ", c.Select(Num))));

static void PrintMatrix(float[] m, int rows, int cols, int group)
{
    var width = m.Max(v => Num(v).Length);
    for (var r = 0; r < rows; r++)
    {
        var row = m.AsSpan(r * cols, cols).ToArray();
        Console.WriteLine("  [" + string.Join(" | ", row.Chunk(group).Select(c => string.Join(" ", c.Select(v => Num(v).PadLeft(width))))) + "]");
    }
}

static void PrintTensor(float[] t, int channels, int height, int width)
{
    for (var c = 0; c < channels; c++)
    {
        for (var r = 0; r < height; r++)
            Console.WriteLine("  [" + string.Join(" ", t.AsSpan(c * height * width + r * width, width).ToArray().Select(v => Num(v).PadLeft(6))) + "]");
        if (c < channels - 1) Console.WriteLine();
    }
}
