using ConvGen;

namespace ConvGen.Samples;

/// <summary>The first seed's example: a 1×3×3 input, two 2×2 filters a..h.</summary>
[Conv2D(1, 3, 3, 2, 2, 2)]
public static partial class SeedExample;

/// <summary>The second seed's Sobel-x kernel over a 4×4 input, as cross-correlation (deep learning's "convolution").</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelX;

/// <summary>The same kernel as a true (flipped) convolution.</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Flip = true, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelXConvolution;
