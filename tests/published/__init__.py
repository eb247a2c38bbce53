"""Tests of hooks/replysite/published/."""
