"""Argon2 at its lowest cost, for tests only: the same algorithm and code path as
production, without spending 100 MB and a tenth of a second on every test user."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the same stored format, so production can verify these hashes
    time_cost = 1
    memory_cost = 64
    parallelism = 1
