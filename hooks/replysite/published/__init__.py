"""What the site publishes beside its pages: open data, feeds, the sitemap, the security policy,
and the audit that proves nothing was lost."""
