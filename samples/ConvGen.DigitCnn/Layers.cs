using ConvGen;

namespace ConvGen.DigitCnn;

// The network: 1×16×16 image → conv 3×3 (8 filters) + LeakyReLU → conv 3×3 stride 2 (16 filters) + LeakyReLU → dense → 10 logits.
// LeakyReLU (slope 0.1 below zero, as in YOLO) is fused into the convolutions' kernels like ReLU.

/// <summary>8 filters over the 16×16 digit, "same" size: 8×16×16.</summary>
[Conv2D(1, 16, 16, 8, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu, ActivationAlpha = Network.Slope)]
public static partial class Conv1;

/// <summary>16 filters, stride 2 halves the resolution: 16×8×8 = 1,024 features.</summary>
[Conv2D(8, 16, 16, 16, 3, 3, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu, ActivationAlpha = Network.Slope)]
public static partial class Conv2;

/// <summary>The dense layer, 1,024 → 10: a convolution whose kernel covers its whole input (8×8) is a fully
/// connected layer; its weights D×C×P×Q = 10×1,024 are the dense matrix, row by row.</summary>
[Conv2D(16, 8, 8, 10, 8, 8, Bias = true)]
public static partial class Dense;
