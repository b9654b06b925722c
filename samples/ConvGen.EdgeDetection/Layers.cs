using ConvGen;

namespace ConvGen.EdgeDetection;

// The Sobel operator over the whole 256×256 photograph, one output pixel per input pixel (Padding = 1).
// Replicate padding repeats the border pixels, so the image frame itself is not an edge: with zero
// padding every border pixel of a bright image would light up. Cross-correlation (no flip): SobelX is
// positive where the image gets brighter to the right, SobelY where it gets brighter downwards.

[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Replicate,
    Weights = new double[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 })]
public static partial class SobelX;

[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Replicate,
    Weights = new double[] { -1, -2, -1, 0, 0, 0, 1, 2, 1 })]
public static partial class SobelY;
