namespace ConvGen.IntegrationTests;

// Larger [Conv2D] layers, each above a ~1,000 multiply-add full-unroll budget (so Unroll = Auto takes
// the looped path) and below ~100k multiply-adds per sample (so the suite stays fast).
// Multiply-adds per sample = D·H'·W'·(C/G)·P·Q, given after each.

[Conv2D(3, 16, 16, 8, 3, 3, Padding = 1)]                                   // 8·16·16·3·9 = 55,296
public static partial class LargePadded;

[Conv2D(4, 12, 12, 6, 5, 5, Stride = 2, Dilation = 1, Groups = 2, Bias = true, Activation = ConvActivation.Relu)]
public static partial class LargeStrided;                                  // 6·4·4·2·25 = 4,800

[Conv2D(8, 10, 10, 8, 3, 3, Groups = 8, Padding = 1, ElementType = typeof(double))]
public static partial class LargeDepthwiseDouble;                          // 8·10·10·1·9 = 7,200

[Conv2D(16, 8, 8, 16, 1, 1)]                                               // 16·8·8·16 = 16,384
public partial struct LargePointwise;

// Pointwise layers read their planes in place, as one row of H·W positions: planes of 25 and 21 positions (rows
// narrower than a vector), groups, bias, activation and a double one.
[Conv2D(12, 5, 5, 18, 1, 1, Groups = 3, Bias = true, Activation = ConvActivation.Relu)]
public static partial class LargePointwiseGrouped;                         // 18·5·5·4 = 1,800

[Conv2D(6, 7, 3, 10, 1, 1, ElementType = typeof(double))]
public static partial class LargePointwiseDouble;                          // 10·7·3·6 = 1,260

// Constant weights in two groups (not folded into the code): the in-place gather reads them from the constant array.
[Conv2D(8, 4, 16, 8, 1, 1, Groups = 2, Weights = new double[] { -1, -0.625, -0.25, 0.125, 0.5, 0.875, -0.875, -0.5, -0.125, 0.25, 0.625, 1, -0.75, -0.375, 0, 0.375, 0.75, -1, -0.625, -0.25, 0.125, 0.5, 0.875, -0.875, -0.5, -0.125, 0.25, 0.625, 1, -0.75, -0.375, 0 })]
public static partial class LargePointwiseConst;                           // 8·4·16·4 = 2,048

[Conv2D(2, 20, 20, 3, 3, 3, Weights = new double[]
{
    1, 0, -1, 2, 0, -2, 1, 0, -1,           0, 0, 0, 0, 1, 0, 0, 0, 0,
    0.5, 0.25, 0, -0.5, 0, 0.75, 0, 0, 0.125, -1, -1, -1, 0, 0, 0, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0,              0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
})]
public static partial class LargeConst;                                    // 3·18·18·2·9 = 17,496

[Conv2D(4, 15, 15, 4, 3, 3, Stride = 2, Dilation = 2, Padding = 2, Bias = true)]
public partial record LargeStrideDil;                                      // 4·8·8·4·9 = 9,216

[Conv2D(3, 12, 12, 4, 3, 3, Flip = true, Padding = 1, Bias = true, ElementType = typeof(double))]
public static partial class LargeFlipDouble;                               // 4·12·12·3·9 = 15,552

[Conv2D(4, 12, 12, 8, 3, 3, Groups = 4, Padding = 1, Activation = ConvActivation.Relu)]
public static partial class LargeMultiplier;                               // 8·12·12·1·9 = 10,368

[Conv2D(2, 10, 14, 3, 3, 5, StrideW = 2, PaddingH = 1, DilationH = 2)]
public partial record struct LargeAsym;                                    // 3·8·5·2·15 = 3,600

[Conv2D(1, 24, 24, 2, 3, 3, Padding = 1, Bias = true, ElementType = typeof(double), Weights = new double[]
{
    0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
    0, -1, 0, -1, 4, -1, 0, -1, 0,
})]
public static partial class LargeConstBiasDouble;                          // 2·24·24·1·9 = 10,368

[Conv2D(4, 16, 16, 4, 3, 3, Padding = 1, Groups = 4, ElementType = typeof(double))]
public static partial class DoubleWide;                                    // 4·16·16·1·9 = 9,216; InputLength 1,024
