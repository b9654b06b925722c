using ConvGen;

namespace ConvGen.IntegrationTests.Packed;

// Layers whose output rows are narrower than the widest vector their channels could fill, so they get ForwardPacked
// (output channels across the lanes): each tile shape and remainder, groups, strides with dilation, a 5×5 reflect-padded
// kernel (its taps in loops), 1-D, double, a residual in place, every activation kind the reference has.
[Conv2D(8, 12, 12, 16, 3, 3, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class PStem;                                          // 16·6·6·8·9 = 41,472

[Conv2D(8, 7, 7, 32, 3, 3, Groups = 2, Padding = 1)]
public static partial class PGrouped;                                       // 32·7·7·4·9 = 56,448

[Conv2D(4, 10, 10, 16, 5, 5, Padding = 2, PaddingMode = ConvPaddingMode.Reflect, Bias = true, Activation = ConvActivation.Silu)]
public static partial class PReflect5x5;                                    // 16·10·10·4·25 = 160,000

[Conv2D(4, 13, 13, 24, 3, 3, Stride = 2, Dilation = 2, Padding = 1)]
public static partial class PStrideDilation;                                // 24·6·6·4·9 = 31,104

[Conv2D(4, 9, 9, 8, 3, 3, Bias = true, Activation = ConvActivation.Tanh, ElementType = typeof(double))]
public static partial class PDouble;                                        // 8·7·7·4·9 = 14,112

[Conv1D(8, 12, 16, 3, Padding = 1, Activation = ConvActivation.LeakyRelu)]
public static partial class P1D;                                            // 16·12·8·3 = 4,608

[Conv2D(16, 6, 6, 16, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.HardSwish)]
public static partial class PResidual;                                      // 16·6·6·16·9 = 82,944

// Rows of 16 fill a Vector512: no ForwardPacked.
[Conv2D(4, 16, 16, 16, 3, 3, Padding = 1)]
public static partial class PNotPacked;
