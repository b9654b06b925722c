using ConvGen;

namespace ConvGen.MatrixPictures;

// One 3×3 filter over a 4×4 image, "same" size output (Padding = 1): M is 16×16.
// The weights are passed at run time (1..9), so each matrix entry shows which tap it is.

/// <summary>Zero padding: the taps that fall outside the image are dropped, so border rows of M have fewer entries.</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1)]
public static partial class ZeroPadded;

/// <summary>Reflect padding (PyTorch's padding_mode="reflect"): a tap outside the image reads the pixel mirrored
/// about the border, so at the border two (or four) taps land on the same input pixel and add up.</summary>
[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectPadded;
