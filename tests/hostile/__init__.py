"""Hostile input (issue 7): each attack on kg as a test that fails if its defence is removed."""
