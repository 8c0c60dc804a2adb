"""Home panels of the practice app (design §9.1). Each slice adds its own panel function here:
S1a `organiser_panel` ("Practice events to organise"), S2 its guest panel."""
