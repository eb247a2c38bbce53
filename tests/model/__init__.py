"""Tests of hooks/replysite/model/."""
