"""Tests of hooks/replysite/search/."""
