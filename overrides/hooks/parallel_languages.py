"""The other languages built in two processes, one per core.

mkdocs-static-i18n builds the default language, then every other language one after the other
in the same process (its on_post_build loop). With eleven languages that loop is most of the
build, on one core of two. Here, when the loop starts, the process forks: the second process
builds every other language of the loop and the first the rest. The second then hands over what
the first needs to finish the site, and exits without finishing anything itself:

- the search entries of its languages (the i18n plugin merges every language's entries);
- each hook's per-language state, the module attributes the hook names in `PER_LANGUAGE`
  (dicts keyed by language: content_api's pages, link_index's entries, per_language_output's
  404 pages and sitemap entries, changes' site names).

Every file a language writes is its own (its folder), or the same bytes whichever language
writes it (the theme's assets); the search index, the sitemap and the files the hooks write once
every language is built are written by the first process after the second has exited. A warning
or error in the second process fails the build, as in the first: it exits non-zero and the first
raises. Where the i18n plugin is not as this expects, or under `mkdocs serve` (a forked server
thread is no place to build from), the languages are built one after the other as before.
"""
from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
import types

import mkdocs_static_i18n.plugin as i18n_plugin
from mkdocs.commands.build import build as build_one  # what the plugin's loop calls for each language
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.parallel_languages")
run: dict = {}  # this build's split: "mine" (languages this process builds), "child", "state"


def per_language_state(config) -> dict[str, tuple[types.ModuleType, tuple[str, ...]]]:
    return {name: (hook, tuple(hook.PER_LANGUAGE)) for name, hook in config.plugins.items()
            if isinstance(hook, types.ModuleType) and hasattr(hook, "PER_LANGUAGE")}


def handed_over(config, i18n, languages: set[str], entries_before: int) -> dict:
    hooks = {name: {attribute: {language: value for language, value in getattr(hook, attribute).items()
                                if language in languages}
                    for attribute in attributes}
             for name, (hook, attributes) in per_language_state(config).items()}
    return {"search": i18n.search_entries[entries_before:], "hooks": hooks}


def take_over(config, i18n, state: dict) -> None:
    """The second process's languages added, every language then in the site's order (the order
    one process building them in turn gives: links.json, the API index, the sitemap)."""
    i18n.search_entries.extend(state["search"])
    order = {language: place for place, language in enumerate(i18n.build_languages)}
    for name, (hook, attributes) in per_language_state(config).items():
        for attribute in attributes:
            values = getattr(hook, attribute)
            merged = {**values, **state["hooks"].get(name, {}).get(attribute, {})}
            values.clear()
            values.update(sorted(merged.items(), key=lambda item: order.get(item[0], len(order))))


def split(config, i18n) -> None:
    """Fork at the loop's first language: the child keeps every second language of the loop."""
    others = [language for language in i18n.build_languages if language != i18n.default_language]
    theirs = set(others[1::2])
    run["mine"] = set(others) - theirs
    if not theirs:
        return
    log.info(f"Languages built in two processes: {', '.join(sorted(run['mine']))} in this one, "
             f"{', '.join(sorted(theirs))} in a second one")
    handle, state_file = tempfile.mkstemp(prefix="mkdocs-languages-", suffix=".pickle")
    os.close(handle)
    entries_before = len(i18n.search_entries)
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        run["mine"], run["child"] = theirs, 0

        def hand_over(config):  # the loop is done: hand over, and finish nothing here
            with open(state_file, "wb") as out:
                pickle.dump(handed_over(config, i18n, theirs, entries_before), out)
            for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
                handler.flush()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)

        i18n.reconfigure_search_index = hand_over
        return
    run["child"], run["state"] = child, state_file
    finish = i18n.reconfigure_search_index

    def wait_and_finish(config):
        _, status = os.waitpid(child, 0)
        run.pop("child", None)
        try:
            if os.waitstatus_to_exitcode(status) != 0:
                raise PluginError(f"Building the languages {', '.join(sorted(theirs))} failed in the second "
                                  "process: its messages are above.")
            with open(state_file, "rb") as handed:
                take_over(config, i18n, pickle.load(handed))
        finally:
            os.unlink(state_file)
        del i18n.reconfigure_search_index  # the plugin's own method again
        finish(config)

    i18n.reconfigure_search_index = wait_and_finish


def build_in_turn(config, dirty=False):
    i18n = config.plugins["i18n"]
    if "mine" not in run:
        split(config, i18n)
    if i18n.current_language not in run["mine"]:
        return
    if run.get("child") == 0:
        try:
            build_one(config, dirty=dirty)
        except BaseException as error:  # noqa: BLE001 - whatever stops a language stops the build
            log.error(f"{i18n.current_language}: {error}")
            sys.stderr.flush()
            os._exit(1)
        return
    build_one(config, dirty=dirty)


def on_startup(command, dirty):
    if getattr(i18n_plugin, "build", None) not in (build_one, build_in_turn):
        return  # the plugin no longer builds its languages as this expects: they are built in turn
    i18n_plugin.build = build_in_turn if command == "build" and hasattr(os, "fork") else build_one


def on_pre_build(config):
    if not config.plugins["i18n"].building:  # the whole build starts, not one language of the loop
        run.clear()


def on_build_error(error):
    child = run.pop("child", None)
    if child:  # the first process failed: the second has nothing left to build for
        os.kill(child, 9)
        os.waitpid(child, 0)
        os.unlink(run.pop("state"))
