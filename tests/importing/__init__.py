"""Tests of hooks/replysite/importing/."""
