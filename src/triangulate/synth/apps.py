from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "triangulate.synth"
    label = "synth"
    verbose_name = "Synthetic demo council"
