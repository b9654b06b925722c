using ConvGen;

namespace ConvGen.Samples;

/// <summary>The matrix seed's example: a 1×3×3 input and a 2×1×2×2 kernel (filters a b / c d and e f / g h).</summary>
[Conv2D(1, 3, 3, 2, 2, 2)]
public static partial class SeedExample;

/// <summary>The Sobel seed's kernel over a 4×4 input, as cross-correlation (deep learning's "convolution").</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelX;

/// <summary>The same kernel as a true mathematical convolution: mirrored in both axes before use.</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Flip = true, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelXConvolution;

/// <summary>Upsampling, the seed's use of a transposed convolution: 2×2 → 4×4 with the Sobel kernel.</summary>
[ConvTranspose2D(1, 2, 2, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelXUpsample;

/// <summary>A learned-style decoder upsampling: 1×2×2 → 1×4×4 with stride 2 (a 4×4 kernel, padding 1).</summary>
[ConvTranspose2D(1, 2, 2, 1, 4, 4, Stride = 2, Padding = 1)]
public static partial class Upsample2x;

/// <summary>The digits CNN of samples/ConvGen.OnnxDigits, trained in PyTorch and exported to ONNX.</summary>
[OnnxModel("digits.onnx")]
public static partial class DigitsCnn;
